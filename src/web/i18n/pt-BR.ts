/** Português do Brasil, informal ("você"), as a friend who sent the link would write. */
import type { CallRequirement, DiagnosisCause, RejectReason } from '../../shared/protocol.js';
import type { BrowserFamily } from '../browser-family.js';
import type { Catalogue } from './en.js';
import { formatters } from './format.js';

const f = formatters('pt-BR');

const HOW_TO_ALLOW: Record<BrowserFamily, string> = {
  chrome: 'Para permitir, clique no ícone à esquerda da barra de endereço (ou no ícone de câmera bloqueada à direita dela), coloque Câmera e Microfone em Permitir e recarregue.',
  firefox: 'Para permitir, clique no ícone de câmera riscada à esquerda da barra de endereço, remova as permissões "Bloqueado" e recarregue.',
  'safari-ios': 'Para permitir, toque em "aA" na barra de endereço, depois em Ajustes do Site, coloque Câmera e Microfone em Permitir e recarregue.',
  safari: 'Para permitir, abra Safari → Ajustes para Este Site, coloque Câmera e Microfone em Permitir e recarregue.',
  other: 'Permita a câmera e o microfone para este site nos ajustes do navegador e recarregue.',
};

const REQUIREMENTS: Record<CallRequirement, string> = {
  'secure-context': 'conexão segura',
  getUserMedia: 'acesso à câmera (getUserMedia)',
  RTCPeerConnection: 'WebRTC (RTCPeerConnection)',
};

const REJECTED: Record<RejectReason, (retryAfterSeconds?: number) => string> = {
  'room-full': () => 'Esta chamada está cheia.',
  'unknown-room': () => 'Esta chamada não existe neste servidor. Peça o link de novo a quem iniciou a chamada.',
  'invalid-message': () => 'O servidor recusou uma mensagem desta página. Recarregue a página.',
  'not-joined': () => 'Esta página ainda não entrou na chamada. Recarregue a página.',
  'unknown-peer': () => 'A outra pessoa não está mais na chamada.',
  'pin-required': () => 'Esta chamada precisa de um PIN. Peça o PIN a quem iniciou a chamada.',
  'wrong-pin': () => 'PIN errado. Confira com quem iniciou a chamada e tente de novo.',
  'too-many-attempts': (seconds) =>
    seconds === undefined
      ? 'Muitos PINs errados deste aparelho. Espere um pouco e tente de novo.'
      : `Muitos PINs errados deste aparelho. Tente de novo ${f.inSeconds(seconds)}.`,
  'rate-limited': () => 'Mensagens demais em pouco tempo: o servidor ignorou algumas.',
  'unknown-event': () => 'O servidor não reconheceu uma mensagem desta página. Recarregue a página.',
  'forbidden-origin': () => 'O servidor recusou esta página: abra o link da chamada diretamente.',
  'too-many-connections': () => 'Há conexões demais vindas deste aparelho. Feche outras abas da chamada e recarregue.',
  'peer-away': () => 'A outra pessoa está reconectando.',
};

const DIAGNOSIS: Record<DiagnosisCause, string> = {
  'no-candidates':
    'Não foi possível conectar diretamente ao outro aparelho: um dos dois não encontrou nenhum endereço de rede para usar. Confira se ele está conectado ao Wi-Fi (uma VPN ou uma extensão que bloqueia o WebRTC também causa isso) e recarregue a página dele.',
  'no-shared-network':
    'Não foi possível conectar diretamente ao outro aparelho: vocês estão em redes diferentes. Coloquem os dois no mesmo Wi-Fi (não numa rede de convidados; um celular nos dados móveis precisa entrar no Wi-Fi).',
  'checks-failed':
    'Não foi possível conectar diretamente ao outro aparelho: estão na mesma rede, mas um firewall ou um Wi-Fi que isola os aparelhos (rede de convidados) bloqueia a conexão. Libere o navegador no firewall ou use outro Wi-Fi.',
  'udp-blocked':
    'Não foi possível conectar diretamente ao outro aparelho: o UDP está bloqueado na rede ou no navegador de um dos dois. Libere o UDP para o navegador no firewall ou use outra rede.',
  'mdns-unresolved':
    'Não foi possível conectar diretamente ao outro aparelho: os endereços locais (….local) não passam por esta rede. Permita a câmera antes de entrar e recarregue, ou use um Wi-Fi comum aos dois.',
  'turn-no-relay':
    'Não foi possível conectar diretamente ao outro aparelho, e o servidor TURN configurado não respondeu. Avise quem iniciou a chamada.',
  'relay-failed':
    'Não foi possível conectar ao outro aparelho, nem mesmo pelo servidor TURN configurado. Avise quem iniciou a chamada: o servidor TURN precisa de ajustes.',
};

export const ptBR: Catalogue = {
  page: {
    title: 'Chamada de vídeo · webrtc-call',
    peopleLabel: 'Pessoas na chamada',
    yourCamera: 'Sua câmera',
    remoteCamera: 'Câmera da outra pessoa',
    remoteNoCamera: 'Sem câmera',
    tapToHear: 'Toque para ouvir a chamada',
  },
  status: {
    starting: 'Iniciando…',
    waiting: 'Esperando alguém entrar…',
    someoneJoining: 'Alguém está entrando…',
    connecting: 'Conectando…',
    inCall: (people) => `Na chamada · ${f.plural(people, { one: '# pessoa', other: '# pessoas' })}`,
    interrupted: 'A conexão caiu, esperando ela voltar…',
    failedRetrying: 'A conexão falhou, tentando de novo…',
    peerReconnecting: 'A outra pessoa está reconectando…',
    serverUnreachable: 'Não foi possível acessar o servidor da chamada, tentando de novo…',
    serverLost: 'Conexão com o servidor perdida, reconectando…',
    youLeft: 'Você saiu da chamada. Recarregue a página para entrar de novo.',
    full: 'Esta chamada está cheia. Peça para deixarem você entrar e recarregue a página.',
    ended: () => 'Quem iniciou a chamada a encerrou.',
  },
  problem: {
    unreachableHttps:
      'Não foi possível acessar o servidor da chamada. Se o navegador avisou sobre o certificado deste site, abra o link de novo, aceite o certificado ("Avançado" → "Ir para … (não seguro)", ou "Mostrar Detalhes" → "visitar este site") e recarregue a página.',
    unreachableHttp:
      'Não foi possível acessar o servidor da chamada. O "webrtc-call start" ainda está rodando no computador, e você está no mesmo Wi-Fi?',
    noAnswer: 'O servidor não respondeu. O "webrtc-call start" ainda está rodando?',
    unreadableReply: (detail) => `O servidor mandou uma resposta que esta página não entende (${detail}).`,
    negotiationFailed: (detail) => `A negociação falhou: ${detail}`,
    offerFailed: (detail) => `Não foi possível fazer uma oferta: ${detail}`,
    sendCameraFailed: (detail) => `Não foi possível enviar a câmera: ${detail}`,
    switchCameraFailed: (detail) => `Não foi possível trocar a câmera (${detail}).`,
    rejected: (reason, _serverMessage, retryAfterSeconds) => REJECTED[reason](retryAfterSeconds),
    diagnosis: (cause) => DIAGNOSIS[cause],
  },
  camera: {
    denied: (browser) => `O acesso à câmera e ao microfone foi bloqueado. ${HOW_TO_ALLOW[browser]}`,
    notFound: 'Nenhuma câmera ou microfone foi encontrado. Conecte um e recarregue para que vejam e ouçam você.',
    busy: 'A câmera ou o microfone está sendo usado por outro app (ou bloqueado pelo sistema). Feche esse app e recarregue.',
    failed: (name) => `Não foi possível ligar a câmera (${name}).`,
    audioOnly: 'Entrando só com áudio.',
    receiveOnly: 'Você ainda pode ver e ouvir as outras pessoas.',
  },
  cannotCall: {
    label: 'Este navegador não faz chamadas',
    status: 'Não dá para fazer chamadas neste navegador',
    headline: (missing) =>
      missing.includes('secure-context')
        ? 'Esta página foi aberta por http:// simples, então o navegador não dá acesso à câmera: não dá para fazer chamadas. Abra o link seguro https://.'
        : `Este navegador não consegue fazer chamadas: não tem ${f.list(missing.map((m) => REQUIREMENTS[m]))}. Abra o link no Safari, Chrome ou Firefox.`,
    inAppHint: 'Se um leitor de QR code ou um app de conversa abriu esta página no navegador dele, use o menu do app ("Abrir no navegador", "Abrir no Safari") ou copie o link.',
    httpsLink: 'Link seguro:',
    noHttpsLink: 'Esta chamada está sem https (foi iniciada com --no-https). Peça para quem a iniciou iniciar de novo sem essa opção e abra o link https:// que aparecer.',
    copy: 'Copiar link',
    copied: 'Link copiado. Cole no Safari, Chrome ou Firefox.',
    copyFailed: 'Não foi possível copiar: toque no link acima e segure, depois escolha "Copiar".',
  },
  controls: {
    label: 'Controles da chamada',
    mute: 'Silenciar',
    unmute: 'Ativar microfone',
    cameraOff: 'Desligar câmera',
    cameraOn: 'Ligar câmera',
    switchCamera: 'Trocar câmera',
    hangUp: 'Sair',
  },
  chat: {
    title: 'Chat',
    unread: (count: number): string => `Chat, ${f.plural(count, { one: '# não lida', other: '# não lidas' })}`,
    close: 'Fechar chat',
    message: 'Mensagem',
    send: 'Enviar',
    you: 'Você',
    laptop: 'Computador',
    phone: 'Celular',
    nobodyToChat: 'Ninguém está conectado ainda: a mensagem não foi enviada.',
    tooLong: (maxBytes: number): string => `Essa mensagem é longa demais para enviar (mais de ${f.size(maxBytes)}). Envie como arquivo.`,
  },
  screen: {
    share: 'Compartilhar tela',
    stop: 'Parar de compartilhar',
    failed: (reason: string): string => `Não foi possível compartilhar a tela (${reason}). Tente de novo ou escolha uma janela.`,
    remoteScreen: 'Tela remota',
  },
  files: {
    send: 'Enviar arquivo',
    transfersLabel: 'Transferências de arquivos',
    cancel: 'Cancelar',
    sending: (name: string, bytes: number): string => `Enviando ${name} (${f.size(bytes)})`,
    receiving: (name: string, bytes: number, from: string): string => `Recebendo ${name} (${f.size(bytes)}) de ${from}`,
    save: (name: string, bytes: number): string => `Salvar ${name}, ${f.size(bytes)}`,
    verified: 'Enviado e verificado',
    failed: 'Falhou na verificação: não foi salvo',
    cancelled: 'Cancelado',
    tooLarge: (name: string, bytes: number, maxBytes: number): string => `${name} tem ${f.size(bytes)}: arquivos acima de ${f.size(maxBytes)} não podem ser enviados. Envie um arquivo menor.`,
    nobody: 'Ninguém está conectado ainda: espere alguém entrar e envie o arquivo.',
  },
  pin: {
    label: 'Esta chamada precisa de um PIN',
    join: 'Entrar',
  },
  invite: {
    label: 'Convidar um celular',
    title: 'Entre pelo celular',
    scan: 'No mesmo Wi-Fi, escaneie este código ou abra:',
    qrAlt: 'QR code do link de convite',
    certificate: [
      'O celular avisa uma vez que a conexão não é particular: o certificado foi criado por este computador. Toque em ',
      { strong: 'Avançado → Ir para … (não seguro)' },
      ' (Android) ou ',
      { strong: 'Mostrar Detalhes → visitar este site' },
      ' (iPhone).',
    ],
  },
};
