import type { Messages } from "./en.js";

/** The server's messages in Spanish (en.ts is the reference, key for key). */

const pages = (n: number) => (n === 1 ? "1 página" : `${n} páginas`);

export const es: Messages = {
  language: "es",

  errors: {
    VALIDATION_FAILED: "Faltan algunos campos o no son válidos.",
    MALFORMED_BODY: "No se pudo leer el contenido de la petición; envíe JSON válido.",
    UNAUTHENTICATED: "Inicie sesión o envíe una clave de API para usar este servicio.",
    INVALID_CREDENTIALS: "La institución, el usuario o la contraseña no son correctos.",
    TOO_MANY_ATTEMPTS:
      "Demasiados intentos fallidos de inicio de sesión; espere unos minutos antes de volver a intentarlo.",
    CSRF_TOKEN_INVALID:
      "A esta petición del navegador le falta un token de seguridad válido; recargue la página e inténtelo de nuevo.",
    FORBIDDEN: "Sus roles no permiten esta acción.",
    NOT_FOUND: "Este registro no existe.",
    ROUTE_NOT_FOUND: "Esta dirección de la API no existe.",
    DUPLICATE: "Ya existe un registro con este código.",
    IN_USE: "El registro todavía está en uso y no se puede eliminar.",
    INVALID_STATE_TRANSITION: "El estado de la solicitud no permite esta acción.",
    ITEM_IN_REQUEST_WORKFLOW:
      "El ejemplar está en tránsito o en digitalización para una solicitud; su estado cambia con la solicitud.",
    TASKS_NOT_APPROVED:
      "Antes deben aprobarse todas las autorizaciones y comprobaciones de derechos de autor requeridas.",
    UNKNOWN_BARCODE: "Ningún ejemplar tiene este código de barras: compruebe la etiqueta o vuelva a escanearla.",
    NO_OPEN_REQUEST: "Este ejemplar no tiene ninguna solicitud abierta: no hay nada que recoger ni registrar.",
    REQUEST_AT_OTHER_PLACE: "La solicitud de este ejemplar se atiende en otro lugar, no aquí.",
    NOTHING_TO_SCAN: "La solicitud de este ejemplar no está esperando a ser recogida ni registrada.",
    PATRON_LIMIT_REACHED: "Este usuario ya tiene el número máximo de solicitudes de digitalización en curso.",
    DIGITIZATION_NOT_ALLOWED: "El grupo de este usuario no puede solicitar digitalizaciones.",
    PATRON_INACTIVE: "La cuenta de este usuario está inactiva o ha caducado.",
    PATRON_BLOCKED: "Este usuario tiene un bloqueo que impide hacer solicitudes.",
    NO_HANDLING_PLACE: "Ningún departamento de digitalización ni mostrador de préstamo atiende a esta biblioteca.",
    ITEM_REQUIRED:
      "Este título tiene ejemplares; elija uno (la digitalización general es solo para títulos sin ejemplares).",
    DIGITIZATION_NOT_OFFERED:
      "La digitalización de este ejemplar no se ofrece a este usuario; «explain» indica el motivo.",
    RULE_LOCKED: "Esta regla la fija el consorcio y las instituciones miembro no pueden modificarla.",
    FORM_LOCKED_BY_CONSORTIUM:
      "El formulario de solicitud lo fija el consorcio y las instituciones miembro no pueden modificarlo.",
    OUTBOX_NOT_FAILED: "Solo se puede reintentar un mensaje de la bandeja de salida que haya fallado.",
    UNSUPPORTED_MEDIA_TYPE: "El tipo de contenido de la petición no se admite aquí.",
    UNSUPPORTED_FILE_TYPE: "Solo se admiten archivos PDF, TIFF, JPEG y PNG.",
    FILE_TOO_LARGE: "El archivo supera el límite de tamaño configurado para las subidas.",
    PAYLOAD_TOO_LARGE: "El contenido de la petición es demasiado grande.",
    MAIL_NOT_SENT: "No se pudo entregar la carta al servidor de correo.",
    LINK_NOT_FOUND: "Este enlace de descarga no existe.",
    LINK_EXPIRED: "Este enlace de descarga ha caducado, se ha usado el número de veces permitido o se ha retirado.",
    LINK_RESUME_CLOSED:
      "Esta descarga ya no se puede reanudar: vuelva a iniciarla desde la página del enlace (una descarga nueva cuenta como una consulta).",
    RANGE_NOT_SATISFIABLE: "El intervalo de bytes solicitado está fuera del archivo.",
    PRINTOUT_STATE_CONFLICT: "El estado de esta impresión no permite esta acción.",
    DATABASE_BUSY: "La base de datos está ocupada con el trabajo de otro proceso; inténtelo de nuevo en un momento.",
    INSTITUTION_NOT_CHOSEN:
      "Esta dirección atiende a varias instituciones: abra la dirección propia de su institución, /i/<code>/.",
    OPENURL_UNREADABLE:
      "No se puede leer este OpenURL: su codificación está dañada, o no indica ningún título, ISBN, ISSN ni identificador que buscar.",
    SIGN_ON_REFUSED:
      "El inicio de sesión con la cuenta de su organización no funcionó; vuelva a la página de inicio de sesión e inténtelo de nuevo.",
    PASSWORD_SIGN_IN_OFF:
      "Los usuarios de esta biblioteca inician sesión con la cuenta de su organización, no con una contraseña: use el botón de inicio de sesión de su organización.",
    NOT_A_SAML_PROVIDER: "Solo un proveedor SAML tiene pares de claves de Recto; este proveedor usa OpenID Connect.",
    SP_KEY_ROLLOVER_UNFINISHED:
      "Este proveedor ya tiene un segundo par de claves: actívelo o retire uno de los dos antes de añadir otro.",
    SP_KEY_IN_USE:
      "El par de claves en uso no se puede retirar: active primero el otro (un proveedor siempre conserva uno).",
    SP_KEY_ALREADY_ACTIVE: "Este par de claves ya es el que está en uso.",
    INTERNAL_ERROR: "Algo ha fallado por nuestra parte. El error ha quedado registrado.",
  },

  notFound: {
    title: "Este título no existe.",
    item: "Este título no tiene ese ejemplar.",
    request: "Esta solicitud no existe.",
    user: "Este usuario no existe.",
    download: "Esta descarga no existe.",
    institution: (code) => `Ninguna institución tiene el código ${code}.`,
    noInstitutionYet: "Todavía no se ha creado ninguna institución.",
  },
  refusals: {
    tooManyAttempts: (minutes) =>
      `Demasiados intentos fallidos de inicio de sesión; inténtelo de nuevo dentro de ${minutes === 1 ? "1 minuto" : `${minutes} minutos`}.`,
    patronLimit: (active, limit) =>
      `Esta cuenta ya tiene ${active} solicitudes de digitalización en curso; su grupo de usuarios permite ${limit}.`,
    itemRequired: "Este título tiene varios volúmenes o números; indique cuál necesita.",
    descriptionMatchesNoItem:
      "Ningún ejemplar de este título tiene esa descripción; elija uno de los volúmenes o números de la lista.",
    cannotInState: "El estado actual de la solicitud no lo permite; vuelva a cargarla para ver en qué punto está.",
    changedMeanwhile: "Otra persona ha cambiado la solicitud al mismo tiempo; vuelva a cargarla e inténtelo de nuevo.",
    rolesDoNotAllow: "Su cuenta no permite esta acción en esta solicitud.",
  },

  fields: {
    required: "Rellene este campo",
    invalid: "Este valor no es válido",
    tooLong: (max) => `Escriba como máximo ${max} caracteres`,
    tooShort: (min) => `Escriba al menos ${min} caracteres`,
    notANumber: "Escriba un número",
    notWhole: "Escriba un número entero",
    atLeast: (min) => `Escriba un número igual o mayor que ${min}`,
    atMost: (max) => `Escriba un número igual o menor que ${max}`,
    tooFew: (min) => `Indique al menos ${min}`,
    tooMany: (max) => `Indique como máximo ${max}`,
    notText: "Escriba un texto aquí",
    notYesOrNo: "Responda sí o no",
    notAList: "Indique una lista aquí",
    notOneOf: "Elija uno de los valores ofrecidos",
    unknownFields: (names) => `Quite lo que este formulario no conoce: ${names}`,
    badFormat: "No tiene la forma esperada",

    pageNumber: "Escriba un número de página como 12, o en números romanos como xii",
    pagesBackwards: "La primera página debe ir antes que la última",
    realDate: "Escriba una fecha que exista, con el formato 2031-12-31",
    pemCertificate:
      "Pegue un certificado legible: el texto PEM de -----BEGIN CERTIFICATE----- a -----END CERTIFICATE-----",
    pastDate: "Escriba la fecha de hoy o una posterior",
    doi: "Escriba un DOI como 10.1000/xyz123",
    pmid: "Escriba un identificador de PubMed: solo cifras",
    id: "Escriba un identificador formado por cifras",
    whichPart: "Indique qué parte necesita: páginas, o el título de un capítulo o artículo",
    whichPartOrComment:
      "Indique qué parte necesita: páginas, el título de un capítulo o artículo, o las páginas en un comentario",
    chapterTitleForWholeChapter: "Escriba el título del capítulo que quiere completo",
    mandatory: "La biblioteca necesita este dato para aceptar su solicitud",
    declaration: "Acepte la declaración de derechos de autor para enviar su solicitud",
    mandatoryTick: "Marque esta casilla para enviar su solicitud",
    unknownCheckbox: "Esta casilla no está en el formulario de solicitud de la biblioteca",
    matchesNoItem: "Elija uno de los volúmenes o números de la lista",
    libraryRequired: "Indique en qué biblioteca buscar: este título no tiene ejemplares",
    libraryUnknown: "No es una biblioteca de esta institución",
    tooManyPages: (asked, max) =>
      `Ha pedido ${pages(asked)}; las condiciones de uso de este ejemplar permiten como máximo ${pages(max)} por solicitud`,
    cursor: "Este enlace a más resultados ya no funciona; vuelva a empezar la lista",
  },

  plan: {
    listedTwice: "Esto aparece dos veces: indique cada uno una sola vez",
    deskNeeded: "Indique el mostrador de esta biblioteca que digitaliza",
    deskElsewhere: "Este mostrador pertenece a otra biblioteca: elija otro código",
    printerNeeded: "Indique dónde se imprimen las papeletas: los departamentos las imprimen allí",
    modeNeeded: "Elija cuándo se produce la aprobación",
    reasonNeeded: "Elija el motivo que se registra cuando las solicitudes se aprueban automáticamente",
    reasonUnknown: "Elija uno de los motivos de aprobación activos",
    noGroupMayRequest: "Permita que al menos un grupo de usuarios solicite copias",
    userUnknown: "Esta persona no es un usuario activo de esta institución",
    noScanner: "Elija al menos una persona que digitalice",
  },

  search: {
    isbn: (text) => `«${text}» no es un ISBN: indique 10 o 13 cifras (se admiten guiones)`,
    issn: (text) => `«${text}» no es un ISSN: escríbalo como 1234-567X`,
    id: "Indique un identificador después de id:",
    nothing: "Escriba una palabra o un número que buscar",
    tooManyTerms: (max) => `Use como máximo ${max} palabras y frases: acote la búsqueda`,
  },

  signOut: {
    title: "Cierre de sesión",
    done: "Ha cerrado la sesión en la biblioteca.",
    refused: "No se pudo comprobar esta solicitud de cierre de sesión de su organización, así que no se cambió nada.",
    back: "Ir a la biblioteca",
  },

  signOn: {
    title: "No se pudo iniciar sesión",
    back: "Volver a la página de inicio de sesión",
    contact: "Si vuelve a ocurrir, póngase en contacto con su biblioteca e indique la hora del intento.",
    reasons: {
      unknown_provider: "Esta biblioteca no conoce este botón de inicio de sesión.",
      provider_disabled: "El inicio de sesión con esta organización está desactivado por ahora en esta biblioteca.",
      no_primary_id:
        "Su organización no nos dijo quién es usted, por lo que no encontramos su cuenta de la biblioteca.",
      no_group_matched: "La cuenta de su organización no le da acceso a los servicios de esta biblioteca.",
      unknown_group: "Su cuenta corresponde a un grupo de usuarios que esta biblioteca no tiene.",
      no_account: "Todavía no tiene cuenta en esta biblioteca, y solo la biblioteca crea cuentas.",
      ambiguous_account:
        "Más de una cuenta de la biblioteca coincide con usted y no sabemos cuál es la suya. Póngase en contacto con la biblioteca.",
      account_inactive: "Su cuenta de la biblioteca no está activa.",
      invalid_state: "Este inicio de sesión tardó demasiado o empezó en otra ventana; vuelva a empezar.",
      provider_unreachable:
        "No se pudo contactar con el servicio de inicio de sesión de su organización. Inténtelo de nuevo en unos minutos.",
      invalid_response: "No se pudo comprobar la respuesta de su organización, así que no ha iniciado sesión.",
      replayed_response: "Esta respuesta de inicio de sesión ya se usó; vuelva a empezar.",
      invalid_return:
        "Este enlace de inicio de sesión no es válido; vuelva a empezar desde la página de inicio de sesión.",
      provider_error: "El servicio de inicio de sesión de su organización no le permitió entrar.",
    },
  },
};
