/**
 * A message from main, with `backticked` parts shown as code.
 *
 * Main's errors quote commands and names that way ("Run `aws sso login --profile dev`"), and
 * seeing them in monospace makes them easy to spot and copy.
 */
export function Message({ text }: { text: string }) {
  const parts = text.split('`')
  // An odd number of backticks leaves the last part unpaired: show the text as it came.
  if (parts.length % 2 === 0) return <>{text}</>
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? <code key={index}>{part}</code> : <span key={index}>{part}</span>
      )}
    </>
  )
}
