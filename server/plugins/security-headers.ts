import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The Content-Security-Policy of the workbench: script only from our own origin (never inline,
 * never from an attribute, never `eval`), no plugins, no framing, no foreign form targets.
 * Styles allow `'unsafe-inline'` because Lit `style=` bindings (bar widths, colours) and
 * Observable Plot's generated `<style>` need it; CSS cannot run script.
 * Routes that serve a printable HTML report set their own, stricter policy, which replaces this one.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/**
 * Security headers on every answer (helmet): the CSP above, `nosniff`, `no-referrer`,
 * `X-Frame-Options: DENY`, same-origin opener and resource policies. HSTS only when the
 * server is configured behind HTTPS (`SECURE_COOKIES=1`), so a plain-HTTP LAN install keeps working.
 */
async function securityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY as unknown as Record<string, string[]> },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: app.config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
}

export default fp(securityHeaders, { name: 'security-headers' });
