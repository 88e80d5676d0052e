"use client";
// Marks the document once React has hydrated it. End-to-end tests wait for the mark so a
// click never lands on a server-rendered button whose handler is not attached yet.
import { useEffect } from "react";

export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
