// The SSO connection form, validated once at the boundary (zod). Domains arrive as one
// comma/space separated field, as people type them; they are stored lower-case.
import { z } from "zod";

/** Where every IdP sends the browser back (register it at the IdP as the redirect URI). */
export const SSO_REDIRECT_PATH = "/api/sso/callback";

export const SSO_PURPOSES = ["sign_in", "step_up"] as const;
export type SsoPurpose = (typeof SSO_PURPOSES)[number];

/** The strengths an IdP's acr values can be mapped onto (weakest first). */
export const SSO_ACR_STRENGTHS = ["mfa", "phishing_resistant"] as const;
export type SsoAcrStrength = (typeof SSO_ACR_STRENGTHS)[number];

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
const ACR = /^[\x21-\x7e]{1,200}$/;

const ZIssuer = z
  .string()
  .trim()
  .min(1, "Enter the issuer URL of your identity provider.")
  .max(500)
  .refine(
    (v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
    "The issuer must be an http(s) URL, e.g. https://login.example.com.",
  )
  .transform((v) => v.replace(/\/+$/, ""));

const ZDomains = z
  .string()
  .max(2000)
  .transform((v) => [
    ...new Set(
      v
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ])
  .refine((list) => list.length >= 1 && list.length <= 20, "List between 1 and 20 email domains, e.g. example.com.")
  .refine((list) => list.every((d) => DOMAIN.test(d)), "Each domain must look like example.com (no @, no spaces).");

const ZAcrMap = z
  .object({ mfa: z.string().trim().max(200).optional(), phishing_resistant: z.string().trim().max(200).optional() })
  .strict()
  .default({})
  .transform((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v)) as Partial<Record<SsoAcrStrength, string>>)
  .refine((m) => Object.values(m).every((v) => ACR.test(v!)), "An acr value is printable text without spaces.");

/** What "Test connection" needs: where the IdP is and who we are to it. */
export const ZTestSsoConnectionSchema = z
  .object({
    issuer: ZIssuer,
    clientId: z.string().trim().min(1, "Enter the client id the IdP gave you.").max(300),
  })
  .strict();

export const ZSaveSsoConnectionSchema = ZTestSsoConnectionSchema.extend({
  // Blank keeps the stored secret (it is never sent back to be re-submitted).
  clientSecret: z.string().max(1000).default(""),
  domains: ZDomains,
  acrMap: ZAcrMap,
  /** The proof "Test connection" returned for this issuer and client id. */
  testProof: z.string().max(500).default(""),
}).strict();

export type SaveSsoConnectionInput = z.output<typeof ZSaveSsoConnectionSchema>;

export const ZRemoveSsoConnectionSchema = z.object({}).strict();
