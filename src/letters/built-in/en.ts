import type { LetterTexts } from "../template-text.js";

const signature = {
  html: "<p>{{ institution.name }}</p>",
  text: "{{ institution.name }}",
};

/** The English texts, also the last resort when no language asked for has a text. */
export const en: LetterTexts = {
  digitization_notification_item: {
    subject: "Your digitization request: {{ request.title }}",
    body_html: `<p>Dear {{ patron.first_name }} {{ patron.last_name }},</p>
<p>The copy you asked for is ready and attached to this email:</p>
<ul>{% for f in delivery.files %}<li>{{ f.file_name }}</li>{% endfor %}</ul>
<p><strong>{{ request.title }}</strong>{% if request.chapter %}, {{ request.chapter }}{% endif %}{% if request.pages %}, pages {{ request.pages }}{% endif %}</p>
<p>Request number {{ request.id }}.</p>
${signature.html}`,
    body_text: `Dear {{ patron.first_name }} {{ patron.last_name }},

The copy you asked for is ready and attached to this email:
{% for f in delivery.files %}- {{ f.file_name }}
{% endfor %}
{{ request.title }}{% if request.chapter %}, {{ request.chapter }}{% endif %}{% if request.pages %}, pages {{ request.pages }}{% endif %}
Request number {{ request.id }}.

${signature.text}`,
  },
  document_delivery_notification: {
    subject: "Your copy is ready to download: {{ request.title }}",
    body_html: `<p>Dear {{ patron.first_name }} {{ patron.last_name }},</p>
<p>The copy you asked for is ready. Download it here:</p>
<ul>{% for l in delivery.links %}<li><a href="{{ l.url }}">{{ l.file_name }}</a></li>{% endfor %}</ul>
<p>Each link can be used {{ delivery.max_views }} times and works until {{ delivery.expiry_date }}.</p>
<p><strong>{{ request.title }}</strong>{% if request.chapter %}, {{ request.chapter }}{% endif %}{% if request.pages %}, pages {{ request.pages }}{% endif %}</p>
<p>Request number {{ request.id }}.</p>
${signature.html}`,
    body_text: `Dear {{ patron.first_name }} {{ patron.last_name }},

The copy you asked for is ready. Download it here:
{% for l in delivery.links %}- {{ l.file_name }}: {{ l.url }}
{% endfor %}
Each link can be used {{ delivery.max_views }} times and works until {{ delivery.expiry_date }}.

{{ request.title }}{% if request.chapter %}, {{ request.chapter }}{% endif %}{% if request.pages %}, pages {{ request.pages }}{% endif %}
Request number {{ request.id }}.

${signature.text}`,
  },
  request_cancelled: {
    subject: "Your digitization request was {{ request.outcome_text }}: {{ request.title }}",
    body_html: `<p>Dear {{ patron.first_name }} {{ patron.last_name }},</p>
<p>Your request for <strong>{{ request.title }}</strong> (number {{ request.id }}) was {{ request.outcome_text }}.</p>
<p>Reason: {{ request.reason }}</p>
{% if request.note %}<p>{{ request.note }}</p>{% endif %}
${signature.html}`,
    body_text: `Dear {{ patron.first_name }} {{ patron.last_name }},

Your request for {{ request.title }} (number {{ request.id }}) was {{ request.outcome_text }}.
Reason: {{ request.reason }}
{% if request.note %}{{ request.note }}
{% endif %}
${signature.text}`,
  },
  request_received: {
    subject: "We received your digitization request: {{ request.title }}",
    body_html: `<p>Dear {{ patron.first_name }} {{ patron.last_name }},</p>
<p>We received your request for <strong>{{ request.title }}</strong> (number {{ request.id }}). We will write again when the copy is ready.</p>
${signature.html}`,
    body_text: `Dear {{ patron.first_name }} {{ patron.last_name }},

We received your request for {{ request.title }} (number {{ request.id }}). We will write again when the copy is ready.

${signature.text}`,
  },
  resource_request_slip: {
    subject: "Pick slip: request {{ request.id }}",
    body_html: `<h1>Digitization pick slip</h1>
<p>Request {{ request.id }} for {{ patron.first_name }} {{ patron.last_name }}</p>
<p><strong>{{ request.title }}</strong>{% if request.author %} / {{ request.author }}{% endif %}</p>
<p>Item barcode: {{ item.barcode }}</p>
{% if request.chapter %}<p>Chapter or article: {{ request.chapter }}</p>{% endif %}
{% if request.pages %}<p>Pages: {{ request.pages }}</p>{% endif %}`,
    body_text: `DIGITIZATION PICK SLIP
Request {{ request.id }} for {{ patron.first_name }} {{ patron.last_name }}
{{ request.title }}{% if request.author %} / {{ request.author }}{% endif %}
Item barcode: {{ item.barcode }}
{% if request.chapter %}Chapter or article: {{ request.chapter }}
{% endif %}{% if request.pages %}Pages: {{ request.pages }}
{% endif %}`,
  },
};
