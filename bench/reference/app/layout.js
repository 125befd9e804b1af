// The reference page the benchmark compares the app with: the same Next.js, a root layout with
// nothing but html and body, no middleware, no database, no CSS.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
