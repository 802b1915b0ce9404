import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "../shared/styles.css";
import { App } from "./App";
import { prefetchFirstPage } from "./prefetch";

const client = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });
prefetchFirstPage(client);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
