/** The part of @msimerson/stun (plain JavaScript, no types of its own) that ice-check.ts and udp-probe.ts use. */
declare module '@msimerson/stun' {
  interface StunAddress {
    address: string;
    port: number;
    family?: string;
  }
  interface StunAttribute {
    type: number;
    value: unknown;
  }
  export interface StunRequest {
    readonly transactionId: Buffer;
    addAttribute(type: number, ...values: unknown[]): StunAttribute;
    addUsername(username: string): StunAttribute;
    addRealm(realm: string): StunAttribute;
    addNonce(nonce: string): StunAttribute;
    addMessageIntegrity(key: string | Buffer): boolean;
    addXorAddress(address: string, port: number): StunAttribute;
    addFingerprint(): boolean;
    toBuffer(): Buffer;
  }
  export interface StunResponse {
    readonly type: number;
    readonly transactionId: Buffer;
    getAttribute(type: number): StunAttribute | undefined;
    getAddress(): StunAddress | undefined;
    getXorAddress(): StunAddress | undefined;
    getError(): { code: number; reason: string } | undefined;
    getRealm(): string | undefined;
    getNonce(): string | undefined;
  }
  export interface StunServer {
    on(event: 'bindingRequest', listener: (request: StunResponse, rinfo: import('node:dgram').RemoteInfo) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    send(message: StunRequest, port: number, address: string): boolean;
    close(): void;
  }
  const stun: {
    createMessage(type: number, transaction?: Buffer): StunRequest;
    /** A STUN server on a dgram socket ('bindingRequest' for each request; it answers nothing itself). */
    createServer(options: { type: 'udp4' | 'udp6'; socket: import('node:dgram').Socket }): StunServer;
    decode(message: Buffer): StunResponse;
    /** One Binding request to `host:port`, retransmitted as STUN does; rejects when no answer comes. */
    request(url: string, options?: { /** first retransmission timeout, ms */ timeout?: number; retries?: number }): Promise<StunResponse>;
    constants: {
      STUN_BINDING_REQUEST: number;
      STUN_BINDING_RESPONSE: number;
      STUN_ALLOCATE_REQUEST: number;
      STUN_REFRESH_REQUEST: number;
      STUN_ATTR_REQUESTED_TRANSPORT: number;
      STUN_ATTR_XOR_RELAYED_ADDRESS: number;
      STUN_ATTR_LIFETIME: number;
    };
  };
  export default stun;
}
