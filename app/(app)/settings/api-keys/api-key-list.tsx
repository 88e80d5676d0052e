"use client";
// The org's API keys as the server listed them: name, prefix (the key itself is never
// shown again), who created it and when, last use, and for those who manage keys a revoke
// per row. An empty list says how to get the first key.
import { KeyRound } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ApiKeyListItem } from "@/lib/api-keys/list-api-keys";
import { RevokeApiKeyConfirm } from "./revoke-api-key-confirm";

export function ApiKeyList({ keys, canManage }: { keys: ApiKeyListItem[]; canManage: boolean }) {
  if (keys.length === 0) {
    return (
      <EmptyState
        icon={KeyRound}
        title="No API keys yet"
        description={canManage ? "Create one to call /api/v1 from scripts." : "Ask an admin to create one."}
      />
    );
  }
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Key</TableHead>
          <TableHead>Created</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead className="sr-only">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {keys.map((k) => (
          <TableRow key={k.id}>
            <TableCell>{k.name}</TableCell>
            <TableCell>
              <code className="text-xs">{k.prefix}…</code>
            </TableCell>
            <TableCell>
              {new Date(k.createdAt).toLocaleDateString()} by {k.createdBy}
            </TableCell>
            <TableCell>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : "never"}</TableCell>
            <TableCell className="text-right">{canManage && <RevokeApiKeyConfirm apiKey={k} />}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
