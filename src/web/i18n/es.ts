/** Español neutro, con "tú", como escribiría quien te mandó el enlace. */
import type { CallRequirement, DiagnosisCause, RejectReason } from '../../shared/protocol.js';
import type { BrowserFamily } from '../browser-family.js';
import type { Catalogue } from './en.js';
import { formatters } from './format.js';

const f = formatters('es');

const HOW_TO_ALLOW: Record<BrowserFamily, string> = {
  chrome: 'Para permitirlo, haz clic en el icono a la izquierda de la barra de direcciones (o en el icono de cámara bloqueada a su derecha), pon Cámara y Micrófono en Permitir y recarga.',
  firefox: 'Para permitirlo, haz clic en el icono de cámara tachada a la izquierda de la barra de direcciones, quita los permisos "Bloqueado" y recarga.',
  'safari-ios': 'Para permitirlo, toca "aA" en la barra de direcciones, luego Configuración del sitio web, pon Cámara y Micrófono en Permitir y recarga.',
  safari: 'Para permitirlo, abre Safari → Configuración de este sitio web, pon Cámara y Micrófono en Permitir y recarga.',
  other: 'Permite la cámara y el micrófono para este sitio en la configuración del navegador y recarga.',
};

const REQUIREMENTS: Record<CallRequirement, string> = {
  'secure-context': 'conexión segura',
  getUserMedia: 'acceso a la cámara (getUserMedia)',
  RTCPeerConnection: 'WebRTC (RTCPeerConnection)',
};

const REJECTED: Record<RejectReason, (retryAfterSeconds?: number) => string> = {
  'room-full': () => 'Esta llamada está completa.',
  'unknown-room': () => 'Esta llamada no existe en este servidor. Pide el enlace otra vez a quien inició la llamada.',
  'invalid-message': () => 'El servidor rechazó un mensaje de esta página. Recarga la página.',
  'not-joined': () => 'Esta página todavía no entró en la llamada. Recarga la página.',
  'unknown-peer': () => 'La otra persona ya no está en la llamada.',
  'pin-required': () => 'Esta llamada necesita un PIN. Pídeselo a quien inició la llamada.',
  'wrong-pin': () => 'PIN incorrecto. Compruébalo con quien inició la llamada e inténtalo de nuevo.',
  'too-many-attempts': (seconds) =>
    seconds === undefined
      ? 'Demasiados PIN incorrectos desde este dispositivo. Espera un poco e inténtalo de nuevo.'
      : `Demasiados PIN incorrectos desde este dispositivo. Inténtalo de nuevo ${f.inSeconds(seconds)}.`,
  'rate-limited': () => 'Demasiados mensajes en poco tiempo: el servidor ignoró algunos.',
  'unknown-event': () => 'El servidor no reconoció un mensaje de esta página. Recarga la página.',
  'forbidden-origin': () => 'El servidor rechazó esta página: abre el enlace de la llamada directamente.',
  'too-many-connections': () => 'Hay demasiadas conexiones desde este dispositivo. Cierra otras pestañas de la llamada y recarga.',
  'peer-away': () => 'La otra persona se está reconectando.',
};

const DIAGNOSIS: Record<DiagnosisCause, string> = {
  'no-candidates':
    'No se puede conectar directamente con el otro dispositivo: uno de los dos no encontró ninguna dirección de red que usar. Comprueba que esté conectado al wifi (una VPN o una extensión que bloquea WebRTC también lo causan) y recarga su página.',
  'no-shared-network':
    'No se puede conectar directamente con el otro dispositivo: están en redes distintas. Conecten los dos al mismo wifi (no a una red de invitados; un teléfono con datos móviles tiene que unirse al wifi).',
  'checks-failed':
    'No se puede conectar directamente con el otro dispositivo: están en la misma red, pero un cortafuegos o un wifi que aísla los dispositivos (red de invitados) bloquea la conexión. Permite el navegador en el cortafuegos o usa otro wifi.',
  'udp-blocked':
    'No se puede conectar directamente con el otro dispositivo: UDP está bloqueado en la red o en el navegador de uno de los dos. Permite UDP para el navegador en el cortafuegos o usa otra red.',
  'mdns-unresolved':
    'No se puede conectar directamente con el otro dispositivo: las direcciones locales (….local) no pasan por esta red. Permite la cámara antes de entrar y recarga, o usa un wifi común a los dos.',
  'turn-no-relay':
    'No se puede conectar directamente con el otro dispositivo, y el servidor TURN configurado no respondió. Avisa a quien inició la llamada.',
  'relay-failed':
    'No se puede conectar con el otro dispositivo, ni siquiera a través del servidor TURN configurado. Avisa a quien inició la llamada: hay que revisar el servidor TURN.',
};

export const es: Catalogue = {
  page: {
    title: 'Videollamada · webrtc-call',
    peopleLabel: 'Personas en la llamada',
    yourCamera: 'Tu cámara',
    remoteCamera: 'Cámara de la otra persona',
    remoteNoCamera: 'Sin cámara',
    tapToHear: 'Toca para oír la llamada',
  },
  status: {
    starting: 'Iniciando…',
    waiting: 'Esperando a que alguien se una…',
    someoneJoining: 'Alguien se está uniendo…',
    connecting: 'Conectando…',
    inCall: (people) => `En la llamada · ${f.plural(people, { one: '# persona', other: '# personas' })}`,
    interrupted: 'La conexión se interrumpió, esperando a que vuelva…',
    failedRetrying: 'La conexión falló, intentándolo de nuevo…',
    peerReconnecting: 'La otra persona se está reconectando…',
    serverUnreachable: 'No se puede acceder al servidor de la llamada, reintentando…',
    serverLost: 'Se perdió la conexión con el servidor, reconectando…',
    youLeft: 'Saliste de la llamada. Recarga la página para volver a entrar.',
    full: 'Esta llamada está completa. Pide que te dejen entrar y recarga la página.',
    ended: () => 'Quien inició la llamada la terminó.',
  },
  problem: {
    unreachableHttps:
      'No se puede acceder al servidor de la llamada. Si el navegador te advirtió sobre el certificado de este sitio, abre el enlace otra vez, acepta el certificado ("Configuración avanzada" → "Acceder a … (sitio no seguro)", o "Mostrar detalles" → "visitar este sitio web") y recarga la página.',
    unreachableHttp:
      'No se puede acceder al servidor de la llamada. ¿Sigue funcionando "webrtc-call start" en la computadora y estás en el mismo wifi?',
    noAnswer: 'El servidor no respondió. ¿Sigue funcionando "webrtc-call start"?',
    unreadableReply: (detail) => `El servidor envió una respuesta que esta página no entiende (${detail}).`,
    negotiationFailed: (detail) => `La negociación falló: ${detail}`,
    offerFailed: (detail) => `No se pudo hacer una oferta: ${detail}`,
    sendCameraFailed: (detail) => `No se pudo enviar la cámara: ${detail}`,
    switchCameraFailed: (detail) => `No se pudo cambiar la cámara (${detail}).`,
    rejected: (reason, _serverMessage, retryAfterSeconds) => REJECTED[reason](retryAfterSeconds),
    diagnosis: (cause) => DIAGNOSIS[cause],
  },
  camera: {
    denied: (browser) => `Se bloqueó el acceso a la cámara y al micrófono. ${HOW_TO_ALLOW[browser]}`,
    notFound: 'No se encontró ninguna cámara ni micrófono. Conecta uno y recarga para que te vean y te oigan.',
    busy: 'Otra aplicación está usando la cámara o el micrófono (o el sistema los bloquea). Cierra esa aplicación y recarga.',
    failed: (name) => `No se pudo iniciar la cámara (${name}).`,
    audioOnly: 'Entrando solo con audio.',
    receiveOnly: 'Aun así puedes ver y oír a los demás.',
  },
  cannotCall: {
    label: 'Este navegador no puede llamar',
    status: 'No se puede llamar desde este navegador',
    headline: (missing) =>
      missing.includes('secure-context')
        ? 'Esta página se abrió con http:// simple, así que el navegador no le da acceso a la cámara: no puede hacer llamadas. Abre el enlace seguro https://.'
        : `Este navegador no puede hacer llamadas: no tiene ${f.list(missing.map((m) => REQUIREMENTS[m]))}. Abre el enlace en Safari, Chrome o Firefox.`,
    inAppHint: 'Si un lector de QR o una app de chat abrió esta página en su propio navegador, usa su menú ("Abrir en el navegador", "Abrir en Safari") o copia el enlace.',
    httpsLink: 'Enlace seguro:',
    noHttpsLink: 'Esta llamada funciona sin https (se inició con --no-https). Pide a quien la inició que la vuelva a iniciar sin esa opción y abre el enlace https:// que muestre.',
    copy: 'Copiar enlace',
    copied: 'Enlace copiado. Pégalo en Safari, Chrome o Firefox.',
    copyFailed: 'No se pudo copiar: mantén pulsado el enlace de arriba y elige "Copiar".',
  },
  controls: {
    label: 'Controles de la llamada',
    mute: 'Silenciar',
    unmute: 'Activar micrófono',
    cameraOff: 'Apagar cámara',
    cameraOn: 'Encender cámara',
    switchCamera: 'Cambiar cámara',
    hangUp: 'Colgar',
  },
  chat: {
    title: 'Chat',
    unread: (count: number): string => `Chat, ${f.plural(count, { other: '# sin leer' })}`,
    close: 'Cerrar chat',
    message: 'Mensaje',
    send: 'Enviar',
    you: 'Tú',
    laptop: 'Portátil',
    phone: 'Móvil',
    nobodyToChat: 'Todavía no hay nadie conectado: el mensaje no se envió.',
    tooLong: (maxBytes: number): string => `Ese mensaje es demasiado largo para enviarlo (más de ${f.size(maxBytes)}). Envíalo como archivo.`,
  },
  screen: {
    share: 'Compartir pantalla',
    stop: 'Dejar de compartir',
    failed: (reason: string): string => `No se pudo compartir la pantalla (${reason}). Inténtalo de nuevo o elige una ventana.`,
    remoteScreen: 'Pantalla remota',
  },
  files: {
    send: 'Enviar archivo',
    transfersLabel: 'Transferencias de archivos',
    cancel: 'Cancelar',
    sending: (name: string, bytes: number): string => `Enviando ${name} (${f.size(bytes)})`,
    receiving: (name: string, bytes: number, from: string): string => `Recibiendo ${name} (${f.size(bytes)}) de ${from}`,
    save: (name: string, bytes: number): string => `Guardar ${name}, ${f.size(bytes)}`,
    verified: 'Enviado y verificado',
    failed: 'No pasó la verificación: no se guardó',
    cancelled: 'Cancelado',
    tooLarge: (name: string, bytes: number, maxBytes: number): string => `${name} pesa ${f.size(bytes)}: no se pueden enviar archivos de más de ${f.size(maxBytes)}. Envía uno más pequeño.`,
    nobody: 'Todavía no hay nadie conectado: espera a que alguien entre y luego envía el archivo.',
  },
  pin: {
    label: 'Esta llamada necesita un PIN',
    join: 'Entrar',
  },
  invite: {
    label: 'Invitar a un teléfono',
    title: 'Únete desde un teléfono',
    scan: 'En el mismo wifi, escanea este código o abre:',
    qrAlt: 'Código QR del enlace de invitación',
    certificate: [
      'El teléfono avisa una vez de que la conexión no es privada: el certificado lo creó esta computadora. Toca ',
      { strong: 'Configuración avanzada → Acceder a … (sitio no seguro)' },
      ' (Android) o ',
      { strong: 'Mostrar detalles → visitar este sitio web' },
      ' (iPhone).',
    ],
  },
};
