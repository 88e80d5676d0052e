// The billing page's guarded read (billing.view): declarations only.
import "server-only";
import { z } from "zod";
import { guardedRead } from "@/lib/guard/guarded-read";
import { viewBillingOverview } from "@/lib/billing/view-billing";

export const viewBilling = guardedRead("billing.view", z.object({}).strict(), viewBillingOverview);
