/** Copies text; without clipboard permission, selects it in `input` so the person can copy it. */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    input?.select();
    document.execCommand?.('copy');
  }
}
