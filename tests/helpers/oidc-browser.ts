// Drives the demo IdP's login the way a browser does, over plain HTTP with a cookie jar of
// its own: follow the authorization URL, fill the login form (email, password, the acr to
// yield), follow redirects until the IdP sends the browser back to the relying party. The
// jar persists between calls, so a second visit rides the IdP's SSO session like a browser.
export type IdpLogin = { email: string; password?: string; acr?: string };

export class IdpBrowser {
  private cookies = new Map<string, string>();

  /** Returns the URL the IdP redirected back to (the relying party's callback, with code/state). */
  async authorize(authorizationUrl: string, login: IdpLogin | null, redirectPrefix: string): Promise<URL> {
    let url = new URL(authorizationUrl);
    let method: "GET" | "POST" = "GET";
    let body: string | undefined;
    for (let hop = 0; hop < 12; hop++) {
      if (url.href.startsWith(redirectPrefix)) return url;
      const res = await fetch(url, {
        method,
        body,
        redirect: "manual",
        headers: { cookie: this.cookieHeader(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      });
      this.remember(res);
      const location = res.headers.get("location");
      if (location) {
        url = new URL(location, url);
        method = "GET";
        body = undefined;
        continue;
      }
      if (res.status === 200 && url.pathname.startsWith("/interaction/") && method === "GET") {
        if (!login) throw new Error("the IdP asked for a login and none was given");
        method = "POST";
        body = new URLSearchParams({
          email: login.email,
          password: login.password ?? "idp-demo",
          acr: login.acr ?? "urn:tiergate:demo:pwd",
        }).toString();
        continue;
      }
      throw new Error(`IdP answered ${res.status} at ${url.pathname}: ${(await res.text()).slice(0, 300)}`);
    }
    throw new Error("too many redirects at the IdP");
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
