// The UI kit's card, plus a header action slot (title left, button right) for console cards.
import * as React from "react";
import { cn } from "@/lib/utils";
import { CardHeader as BaseHeader } from "@/components/ui/card";

export { Card, CardContent, CardDescription, CardFooter, CardTitle } from "@/components/ui/card";

export function CardHeader({ className, ...props }: React.ComponentProps<typeof BaseHeader>) {
  return <BaseHeader className={cn("relative has-[[data-slot=card-action]]:pr-48", className)} {...props} />;
}

export function CardAction({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="card-action" className={cn("absolute top-0 right-6", className)} {...props} />;
}
