import type { LetterTexts } from "../template-text.js";

// "Estimado/a" keeps the formal register without knowing the patron's gender.
const greeting = {
  html: "<p>Estimado/a {{ patron.first_name }} {{ patron.last_name }}:</p>",
  text: "Estimado/a {{ patron.first_name }} {{ patron.last_name }}:",
};

const signature = {
  html: "<p>Atentamente,<br>{{ institution.name }}</p>",
  text: "Atentamente,\n{{ institution.name }}",
};

const part = `{% if request.chapter %}, {{ request.chapter }}{% endif %}{% if request.pages %}, páginas {{ request.pages }}{% endif %}`;

// request.outcome_text is English; "caducar" takes no passive.
const outcome = `{% case request.outcome %}{% when "REJECTED" %}ha sido rechazada{% when "EXPIRED" %}ha caducado{% when "CANCELLED" %}ha sido cancelada{% else %}se ha cerrado{% endcase %}`;

export const es: LetterTexts = {
  digitization_notification_item: {
    subject: "Su solicitud de digitalización: {{ request.title }}",
    body_html: `${greeting.html}
<p>La copia que solicitó ya está lista y se adjunta a este mensaje:</p>
<ul>{% for f in delivery.files %}<li>{{ f.file_name }}</li>{% endfor %}</ul>
<p><strong>{{ request.title }}</strong>${part}</p>
<p>Número de solicitud: {{ request.id }}.</p>
${signature.html}`,
    body_text: `${greeting.text}

La copia que solicitó ya está lista y se adjunta a este mensaje:
{% for f in delivery.files %}- {{ f.file_name }}
{% endfor %}
{{ request.title }}${part}
Número de solicitud: {{ request.id }}.

${signature.text}`,
  },
  document_delivery_notification: {
    subject: "Su copia está lista para descargar: {{ request.title }}",
    body_html: `${greeting.html}
<p>La copia que solicitó ya está lista. Puede descargarla aquí:</p>
<ul>{% for l in delivery.links %}<li><a href="{{ l.url }}">{{ l.file_name }}</a></li>{% endfor %}</ul>
<p>Cada enlace puede utilizarse {{ delivery.max_views }} veces y estará disponible hasta el {{ delivery.expiry_date }}.</p>
<p><strong>{{ request.title }}</strong>${part}</p>
<p>Número de solicitud: {{ request.id }}.</p>
${signature.html}`,
    body_text: `${greeting.text}

La copia que solicitó ya está lista. Puede descargarla aquí:
{% for l in delivery.links %}- {{ l.file_name }}: {{ l.url }}
{% endfor %}
Cada enlace puede utilizarse {{ delivery.max_views }} veces y estará disponible hasta el {{ delivery.expiry_date }}.

{{ request.title }}${part}
Número de solicitud: {{ request.id }}.

${signature.text}`,
  },
  request_cancelled: {
    subject: `Su solicitud de digitalización ${outcome}: {{ request.title }}`,
    body_html: `${greeting.html}
<p>Su solicitud de <strong>{{ request.title }}</strong> (número {{ request.id }}) ${outcome}.</p>
<p>Motivo: {{ request.reason }}</p>
{% if request.note %}<p>{{ request.note }}</p>{% endif %}
${signature.html}`,
    body_text: `${greeting.text}

Su solicitud de {{ request.title }} (número {{ request.id }}) ${outcome}.
Motivo: {{ request.reason }}
{% if request.note %}{{ request.note }}
{% endif %}
${signature.text}`,
  },
  request_received: {
    subject: "Hemos recibido su solicitud de digitalización: {{ request.title }}",
    body_html: `${greeting.html}
<p>Hemos recibido su solicitud de <strong>{{ request.title }}</strong> (número {{ request.id }}). Le escribiremos de nuevo cuando la copia esté lista.</p>
${signature.html}`,
    body_text: `${greeting.text}

Hemos recibido su solicitud de {{ request.title }} (número {{ request.id }}). Le escribiremos de nuevo cuando la copia esté lista.

${signature.text}`,
  },
  resource_request_slip: {
    subject: "Papeleta de digitalización: solicitud {{ request.id }}",
    body_html: `<h1>Papeleta de solicitud de digitalización</h1>
<p>Solicitud {{ request.id }} de {{ patron.first_name }} {{ patron.last_name }}</p>
<p><strong>{{ request.title }}</strong>{% if request.author %} / {{ request.author }}{% endif %}</p>
<p>Código de barras del ejemplar: {{ item.barcode }}</p>
{% if request.chapter %}<p>Capítulo o artículo: {{ request.chapter }}</p>{% endif %}
{% if request.pages %}<p>Páginas: {{ request.pages }}</p>{% endif %}`,
    body_text: `PAPELETA DE SOLICITUD DE DIGITALIZACIÓN
Solicitud {{ request.id }} de {{ patron.first_name }} {{ patron.last_name }}
{{ request.title }}{% if request.author %} / {{ request.author }}{% endif %}
Código de barras del ejemplar: {{ item.barcode }}
{% if request.chapter %}Capítulo o artículo: {{ request.chapter }}
{% endif %}{% if request.pages %}Páginas: {{ request.pages }}
{% endif %}`,
  },
};
