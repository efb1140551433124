# syntax=docker/dockerfile:1
# The hub image (docs/deploy.md). Two stages: `build` installs every
# dependency and builds the screens (it also runs the compose `test`
# profile); `runtime` holds production dependencies, the sources the hub
# runs through tsx and the built screens, and runs as an unprivileged user.

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 and node-hid fall back to a source build when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ libusb-1.0-0-dev libudev-dev \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY ui-shared/package.json ui-shared/
COPY ticket-printer/package.json ticket-printer/
COPY signage/package.json signage/
COPY admin-ui/package.json admin-ui/
COPY tests/package.json tests/
RUN npm ci
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ libusb-1.0-0-dev libudev-dev \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY ui-shared/package.json ui-shared/
COPY ticket-printer/package.json ticket-printer/
COPY signage/package.json signage/
COPY admin-ui/package.json admin-ui/
COPY tests/package.json tests/
RUN npm ci --omit=dev

FROM ${NODE_IMAGE} AS runtime
# espeak-ng speaks call-outs for boards without a Mandarin browser voice; libusb for keypads on the hub.
RUN apt-get update \
  && apt-get install -y --no-install-recommends espeak-ng libusb-1.0-0 tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=8080 \
  DATA_DIR=/data \
  DEMO=false \
  VIRTUAL_PRINTER_PORT=off
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY --from=build /app/server/package.json ./server/
COPY --from=build /app/server/src ./server/src
COPY --from=build /app/ticket-printer/package.json ./ticket-printer/
COPY --from=build /app/ticket-printer/bin ./ticket-printer/bin
COPY --from=build /app/ticket-printer/src ./ticket-printer/src
COPY --from=build /app/ticket-printer/dist ./ticket-printer/dist
COPY --from=build /app/signage/package.json ./signage/
COPY --from=build /app/signage/dist ./signage/dist
COPY --from=build /app/admin-ui/package.json ./admin-ui/
COPY --from=build /app/admin-ui/dist ./admin-ui/dist
COPY --from=build /app/ui-shared/package.json ./ui-shared/
RUN mkdir -p /data \
  && chown node:node /data
# The official image's unprivileged user (uid 1000); the hub never needs root.
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["tini", "--"]
CMD ["node", "--import", "tsx", "server/src/main.ts"]
