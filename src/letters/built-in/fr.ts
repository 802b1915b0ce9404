import type { LetterTexts } from "../template-text.js";

const greeting = {
  html: "<p>Bonjour {{ patron.first_name }} {{ patron.last_name }},</p>",
  text: "Bonjour {{ patron.first_name }} {{ patron.last_name }},",
};

const signature = {
  html: "<p>Cordialement,<br>{{ institution.name }}</p>",
  text: "Cordialement,\n{{ institution.name }}",
};

const part = `{% if request.chapter %}, {{ request.chapter }}{% endif %}{% if request.pages %}, pages {{ request.pages }}{% endif %}`;

// request.outcome_text is English; the verb agrees with « demande » and « expirer » takes no passive.
const outcome = `{% case request.outcome %}{% when "REJECTED" %}a été refusée{% when "EXPIRED" %}a expiré{% when "CANCELLED" %}a été annulée{% else %}a été clôturée{% endcase %}`;

export const fr: LetterTexts = {
  digitization_notification_item: {
    subject: "Votre demande de numérisation : {{ request.title }}",
    body_html: `${greeting.html}
<p>La copie que vous avez demandée est prête. Vous la trouverez en pièce jointe à ce message :</p>
<ul>{% for f in delivery.files %}<li>{{ f.file_name }}</li>{% endfor %}</ul>
<p><strong>{{ request.title }}</strong>${part}</p>
<p>Numéro de la demande : {{ request.id }}.</p>
${signature.html}`,
    body_text: `${greeting.text}

La copie que vous avez demandée est prête. Vous la trouverez en pièce jointe à ce message :
{% for f in delivery.files %}- {{ f.file_name }}
{% endfor %}
{{ request.title }}${part}
Numéro de la demande : {{ request.id }}.

${signature.text}`,
  },
  document_delivery_notification: {
    subject: "Votre copie est prête à être téléchargée : {{ request.title }}",
    body_html: `${greeting.html}
<p>La copie que vous avez demandée est prête. Vous pouvez la télécharger ici :</p>
<ul>{% for l in delivery.links %}<li><a href="{{ l.url }}">{{ l.file_name }}</a></li>{% endfor %}</ul>
<p>Chaque lien peut être utilisé {{ delivery.max_views }} fois et reste valable jusqu'au {{ delivery.expiry_date }}.</p>
<p><strong>{{ request.title }}</strong>${part}</p>
<p>Numéro de la demande : {{ request.id }}.</p>
${signature.html}`,
    body_text: `${greeting.text}

La copie que vous avez demandée est prête. Vous pouvez la télécharger ici :
{% for l in delivery.links %}- {{ l.file_name }} : {{ l.url }}
{% endfor %}
Chaque lien peut être utilisé {{ delivery.max_views }} fois et reste valable jusqu'au {{ delivery.expiry_date }}.

{{ request.title }}${part}
Numéro de la demande : {{ request.id }}.

${signature.text}`,
  },
  request_cancelled: {
    subject: `Votre demande de numérisation ${outcome} : {{ request.title }}`,
    body_html: `${greeting.html}
<p>Votre demande concernant <strong>{{ request.title }}</strong> (n° {{ request.id }}) ${outcome}.</p>
<p>Motif : {{ request.reason }}</p>
{% if request.note %}<p>{{ request.note }}</p>{% endif %}
${signature.html}`,
    body_text: `${greeting.text}

Votre demande concernant {{ request.title }} (n° {{ request.id }}) ${outcome}.
Motif : {{ request.reason }}
{% if request.note %}{{ request.note }}
{% endif %}
${signature.text}`,
  },
  request_received: {
    subject: "Nous avons bien reçu votre demande de numérisation : {{ request.title }}",
    body_html: `${greeting.html}
<p>Nous avons bien reçu votre demande concernant <strong>{{ request.title }}</strong> (n° {{ request.id }}). Nous vous écrirons de nouveau dès que la copie sera prête.</p>
${signature.html}`,
    body_text: `${greeting.text}

Nous avons bien reçu votre demande concernant {{ request.title }} (n° {{ request.id }}). Nous vous écrirons de nouveau dès que la copie sera prête.

${signature.text}`,
  },
  resource_request_slip: {
    subject: "Bordereau de prélèvement : demande {{ request.id }}",
    body_html: `<h1>Bordereau de prélèvement pour numérisation</h1>
<p>Demande {{ request.id }} pour {{ patron.first_name }} {{ patron.last_name }}</p>
<p><strong>{{ request.title }}</strong>{% if request.author %} / {{ request.author }}{% endif %}</p>
<p>Code-barres de l'exemplaire : {{ item.barcode }}</p>
{% if request.chapter %}<p>Chapitre ou article : {{ request.chapter }}</p>{% endif %}
{% if request.pages %}<p>Pages : {{ request.pages }}</p>{% endif %}`,
    body_text: `BORDEREAU DE PRÉLÈVEMENT POUR NUMÉRISATION
Demande {{ request.id }} pour {{ patron.first_name }} {{ patron.last_name }}
{{ request.title }}{% if request.author %} / {{ request.author }}{% endif %}
Code-barres de l'exemplaire : {{ item.barcode }}
{% if request.chapter %}Chapitre ou article : {{ request.chapter }}
{% endif %}{% if request.pages %}Pages : {{ request.pages }}
{% endif %}`,
  },
};
