// The part of oidc-provider 9 that scripts/lib/demo-idp.ts uses (the package ships no types).
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  type Ctx = {
    oidc: {
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      provider: Provider;
    };
  };
  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> };
  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }
  export type Configuration = {
    clients?: Record<string, unknown>[];
    pkce?: { required: () => boolean };
    acrValues?: string[];
    claims?: Record<string, string[]>;
    features?: Record<string, { enabled: boolean }>;
    conformIdTokenClaims?: boolean;
    interactions?: { url: (ctx: Ctx, interaction: { uid: string }) => string };
    cookies?: { keys: string[] };
    ttl?: Record<string, number>;
    loadExistingGrant?: (ctx: Ctx) => Promise<GrantInstance | undefined>;
    findAccount?: (ctx: Ctx, sub: string) => Promise<Account | undefined>;
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    proxy: boolean;
    Grant: { new (init: { clientId: string; accountId: string }): GrantInstance; find(id: string): Promise<GrantInstance | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ uid: string; params: Record<string, unknown> }>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
