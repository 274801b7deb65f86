#!/bin/sh
# Stand-in for Prisma's native schema engine, which is not used here.
echo "The native schema engine is not used here; run npm run db:migrate (WebAssembly engine)." >&2
exit 1
