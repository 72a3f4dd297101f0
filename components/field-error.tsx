/**
 * The message under a field that failed its check, for shoppers' and owners' forms alike. `id` is
 * what the field's aria-describedby names, so a screen reader reads the message with the field.
 */
export function FieldError({ id, message }: { id?: string; message?: string | null }) {
  return message ? (
    <p id={id} className="mt-1 text-sm font-medium text-red-700">
      {message}
    </p>
  ) : null;
}
