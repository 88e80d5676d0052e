"use client";
// The container of every table (components/ui/table.tsx wraps each <table> in it): a table
// wider than its card scrolls sideways inside it, never the page, and says so. An edge fade
// on the side that has more, and a "Scroll for more" hint under it, until the last column
// is in view; nothing is shown when the table fits. While it overflows the region is
// focusable and named, so a keyboard can scroll it too (axe: scrollable-region-focusable).
// The viewport is `relative` so it is the containing block of anything positioned inside a
// cell (Radix Select's hidden native select): an absolute element whose containing block
// sits outside a scroller is not clipped by it and would widen the page.
import { useEffect, useRef, useState } from "react";
import { ArrowRight } from "lucide-react";
import { cn } from "@/lib/utils";

type Edges = { overflowing: boolean; moreBefore: boolean; moreAfter: boolean };

// A pixel of slack: scroll positions are fractional on zoomed and high-density screens.
const SLACK = 1;

export function ScrollTable({ children, label = "Table", className }: { children: React.ReactNode; label?: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<Edges>({ overflowing: false, moreBefore: false, moreAfter: false });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const max = el.scrollWidth - el.clientWidth;
      const next = { overflowing: max > SLACK, moreBefore: el.scrollLeft > SLACK, moreAfter: el.scrollLeft < max - SLACK };
      setEdges((prev) =>
        prev.overflowing === next.overflowing && prev.moreBefore === next.moreBefore && prev.moreAfter === next.moreAfter ? prev : next,
      );
    };
    update();
    el.addEventListener("scroll", update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(el);
    if (el.firstElementChild) resized.observe(el.firstElementChild);
    return () => {
      el.removeEventListener("scroll", update);
      resized.disconnect();
    };
  }, []);

  return (
    <div
      data-slot="table-container"
      data-overflowing={edges.overflowing || undefined}
      data-more-after={edges.moreAfter || undefined}
      className={cn("relative w-full", className)}
    >
      <div
        ref={ref}
        data-slot="scroll-table-viewport"
        className="relative w-full overflow-x-auto rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
        {...(edges.overflowing ? { tabIndex: 0, role: "region", "aria-label": `${label}, scrolls sideways` } : {})}
      >
        {children}
      </div>
      <div
        aria-hidden
        className={cn(
          "pointer-events-none absolute inset-y-0 left-0 w-6 bg-gradient-to-r from-card to-transparent transition-opacity",
          edges.moreBefore ? "opacity-100" : "opacity-0",
        )}
      />
      <div
        aria-hidden
        className={cn(
          "pointer-events-none absolute inset-y-0 right-0 w-10 bg-gradient-to-l from-card to-transparent transition-opacity",
          edges.moreAfter ? "opacity-100" : "opacity-0",
        )}
      />
      {edges.overflowing && edges.moreAfter ? (
        <p data-testid="scroll-table-hint" className="mt-1 flex items-center justify-end gap-1 text-xs text-muted-foreground" aria-hidden>
          Scroll for more <ArrowRight className="size-3" />
        </p>
      ) : null}
    </div>
  );
}
