import type { LetterTexts } from "../template-text.js";

const greeting = {
  html: "<p>Guten Tag {{ patron.first_name }} {{ patron.last_name }},</p>",
  text: "Guten Tag {{ patron.first_name }} {{ patron.last_name }},",
};

const signature = {
  html: "<p>Mit freundlichen Grüßen<br>{{ institution.name }}</p>",
  text: "Mit freundlichen Grüßen\n{{ institution.name }}",
};

const part = `{% if request.chapter %}, {{ request.chapter }}{% endif %}{% if request.pages %}, Seiten {{ request.pages }}{% endif %}`;

// request.outcome_text is English; "abgelaufen" takes "ist", the others "wurde".
const outcome = `{% case request.outcome %}{% when "REJECTED" %}wurde abgelehnt{% when "EXPIRED" %}ist abgelaufen{% when "CANCELLED" %}wurde storniert{% else %}wurde abgeschlossen{% endcase %}`;

export const de: LetterTexts = {
  digitization_notification_item: {
    subject: "Ihr Digitalisierungsauftrag: {{ request.title }}",
    body_html: `${greeting.html}
<p>die von Ihnen bestellte Kopie ist fertig. Sie finden sie im Anhang dieser E-Mail:</p>
<ul>{% for f in delivery.files %}<li>{{ f.file_name }}</li>{% endfor %}</ul>
<p><strong>{{ request.title }}</strong>${part}</p>
<p>Auftragsnummer: {{ request.id }}</p>
${signature.html}`,
    body_text: `${greeting.text}

die von Ihnen bestellte Kopie ist fertig. Sie finden sie im Anhang dieser E-Mail:
{% for f in delivery.files %}- {{ f.file_name }}
{% endfor %}
{{ request.title }}${part}
Auftragsnummer: {{ request.id }}

${signature.text}`,
  },
  document_delivery_notification: {
    subject: "Ihre Kopie steht zum Herunterladen bereit: {{ request.title }}",
    body_html: `${greeting.html}
<p>die von Ihnen bestellte Kopie ist fertig. Sie können sie hier herunterladen:</p>
<ul>{% for l in delivery.links %}<li><a href="{{ l.url }}">{{ l.file_name }}</a></li>{% endfor %}</ul>
<p>Jeder Link kann {{ delivery.max_views }}-mal verwendet werden und ist bis zum {{ delivery.expiry_date }} gültig.</p>
<p><strong>{{ request.title }}</strong>${part}</p>
<p>Auftragsnummer: {{ request.id }}</p>
${signature.html}`,
    body_text: `${greeting.text}

die von Ihnen bestellte Kopie ist fertig. Sie können sie hier herunterladen:
{% for l in delivery.links %}- {{ l.file_name }}: {{ l.url }}
{% endfor %}
Jeder Link kann {{ delivery.max_views }}-mal verwendet werden und ist bis zum {{ delivery.expiry_date }} gültig.

{{ request.title }}${part}
Auftragsnummer: {{ request.id }}

${signature.text}`,
  },
  request_cancelled: {
    subject: `Ihr Digitalisierungsauftrag ${outcome}: {{ request.title }}`,
    body_html: `${greeting.html}
<p>Ihr Auftrag für <strong>{{ request.title }}</strong> (Nummer {{ request.id }}) ${outcome}.</p>
<p>Grund: {{ request.reason }}</p>
{% if request.note %}<p>{{ request.note }}</p>{% endif %}
${signature.html}`,
    body_text: `${greeting.text}

Ihr Auftrag für {{ request.title }} (Nummer {{ request.id }}) ${outcome}.
Grund: {{ request.reason }}
{% if request.note %}{{ request.note }}
{% endif %}
${signature.text}`,
  },
  request_received: {
    subject: "Wir haben Ihren Digitalisierungsauftrag erhalten: {{ request.title }}",
    body_html: `${greeting.html}
<p>wir haben Ihren Auftrag für <strong>{{ request.title }}</strong> (Nummer {{ request.id }}) erhalten. Sobald die Kopie fertig ist, melden wir uns wieder bei Ihnen.</p>
${signature.html}`,
    body_text: `${greeting.text}

wir haben Ihren Auftrag für {{ request.title }} (Nummer {{ request.id }}) erhalten. Sobald die Kopie fertig ist, melden wir uns wieder bei Ihnen.

${signature.text}`,
  },
  resource_request_slip: {
    subject: "Bestellzettel: Auftrag {{ request.id }}",
    body_html: `<h1>Bestellzettel Digitalisierung</h1>
<p>Auftrag {{ request.id }} für {{ patron.first_name }} {{ patron.last_name }}</p>
<p><strong>{{ request.title }}</strong>{% if request.author %} / {{ request.author }}{% endif %}</p>
<p>Barcode des Exemplars: {{ item.barcode }}</p>
{% if request.chapter %}<p>Kapitel oder Artikel: {{ request.chapter }}</p>{% endif %}
{% if request.pages %}<p>Seiten: {{ request.pages }}</p>{% endif %}`,
    body_text: `BESTELLZETTEL DIGITALISIERUNG
Auftrag {{ request.id }} für {{ patron.first_name }} {{ patron.last_name }}
{{ request.title }}{% if request.author %} / {{ request.author }}{% endif %}
Barcode des Exemplars: {{ item.barcode }}
{% if request.chapter %}Kapitel oder Artikel: {{ request.chapter }}
{% endif %}{% if request.pages %}Seiten: {{ request.pages }}
{% endif %}`,
  },
};
