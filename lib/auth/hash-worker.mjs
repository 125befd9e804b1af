// Runs in a worker thread (see lib/auth/password.ts): bcrypt's CPU work happens here, off the
// server's event loop, so pages keep answering while passwords are hashed.
import bcrypt from "bcryptjs";

export function hash({ password, cost }) {
  return bcrypt.hashSync(password, cost);
}

export function compare({ password, hash }) {
  return bcrypt.compareSync(password, hash);
}
