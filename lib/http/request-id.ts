/** The header that names a request, on the request (set by scripts/server.mjs) and on its response. */
export const REQUEST_ID_HEADER = "x-request-id";

/** The address asked for (path and query), on the request (set by scripts/server.mjs). */
export const REQUEST_PATH_HEADER = "x-request-path";
