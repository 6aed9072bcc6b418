// The page's CSP forbids eval, so zod must not compile its parsers. Imported before the contract:
// zod decides per schema, when the schema is built.
import { z } from 'zod';

z.config({ jitless: true });
