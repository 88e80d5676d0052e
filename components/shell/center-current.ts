// Brings the current item ([aria-current="page"]) of a sideways-scrolling row (the phone nav,
// the admin tabs) to the row's centre. Only the row scrolls: scrollIntoView({ inline:
// "center", block: "nearest" }) would also scroll the window to the row, undoing a jump to a
// #fragment (/billing#plans) or a kept scroll position.
export function centerCurrent(row: HTMLElement | null) {
  const item = row?.querySelector<HTMLElement>('[aria-current="page"]');
  if (!row || !item || row.scrollWidth <= row.clientWidth) return;
  const rowBox = row.getBoundingClientRect();
  const itemBox = item.getBoundingClientRect();
  const offset = itemBox.left - rowBox.left + row.scrollLeft - (row.clientWidth - itemBox.width) / 2;
  row.scrollTo({ left: Math.max(0, offset), behavior: "instant" });
}
