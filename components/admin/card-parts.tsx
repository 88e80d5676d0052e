// The UI kit's card, plus a header action slot for console cards: title left and button right
// from the small breakpoint up; on a phone the button goes under the description, which would
// otherwise be squeezed into a narrow column beside it.
import * as React from "react";
import { cn } from "@/lib/utils";
import { CardHeader as BaseHeader } from "@/components/ui/card";

export { Card, CardContent, CardDescription, CardFooter, CardTitle } from "@/components/ui/card";

export function CardHeader({ className, ...props }: React.ComponentProps<typeof BaseHeader>) {
  return <BaseHeader className={cn("relative sm:has-[[data-slot=card-action]]:pr-48", className)} {...props} />;
}

export function CardAction({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="card-action" className={cn("pt-2 sm:absolute sm:top-0 sm:right-6 sm:pt-0", className)} {...props} />;
}
