/** An orderId as Toss accepts it (6–64 characters of [A-Za-z0-9_-]): every orderId from outside is checked against it. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;
