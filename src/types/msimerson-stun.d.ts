/** The part of @msimerson/stun (plain JavaScript, no types of its own) that ice-check.ts uses. */
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
  const stun: {
    createMessage(type: number, transaction?: Buffer): StunRequest;
    decode(message: Buffer): StunResponse;
    constants: {
      STUN_BINDING_REQUEST: number;
      STUN_ALLOCATE_REQUEST: number;
      STUN_REFRESH_REQUEST: number;
      STUN_ATTR_REQUESTED_TRANSPORT: number;
      STUN_ATTR_XOR_RELAYED_ADDRESS: number;
      STUN_ATTR_LIFETIME: number;
    };
  };
  export default stun;
}
