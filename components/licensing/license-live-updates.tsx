"use client";
// Mounted once in the app shell. Listens to /api/license/events; on a license change it
// re-renders the server components (plan badge, navigation, gated buttons) in place with
// router.refresh() — no reload, client state kept — and tells client components through a
// window event. After a dropped connection it refreshes once, as a change may have been missed.
// When the session ends (signed out here or elsewhere, revoked) the server sends `signed_out`:
// the stream is closed for good and the refresh lands on the sign-in page.
import { useEffect } from "react";
import { useRouter } from "next/navigation";

export const LICENSE_CHANGED_EVENT = "tiergate:license-changed";

export type LicenseChangedDetail = { orgId: string; plan: string; status: string | null; features: string[] };

export function LicenseLiveUpdates() {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource("/api/license/events");
    let hadError = false;
    const onLicense = (e: MessageEvent<string>) => {
      let detail: LicenseChangedDetail | null = null;
      try {
        detail = JSON.parse(e.data) as LicenseChangedDetail;
      } catch {
        detail = null;
      }
      router.refresh();
      window.dispatchEvent(new CustomEvent(LICENSE_CHANGED_EVENT, { detail }));
    };
    const onReady = () => {
      if (hadError) router.refresh();
      hadError = false;
    };
    const onError = () => {
      hadError = true;
    };
    const onSignedOut = () => {
      source.close();
      router.refresh();
    };
    source.addEventListener("license", onLicense as EventListener);
    source.addEventListener("ready", onReady);
    source.addEventListener("error", onError);
    source.addEventListener("signed_out", onSignedOut);
    return () => {
      source.removeEventListener("signed_out", onSignedOut);
      source.removeEventListener("license", onLicense as EventListener);
      source.removeEventListener("ready", onReady);
      source.removeEventListener("error", onError);
      source.close();
    };
  }, [router]);
  return null;
}
