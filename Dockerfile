# One image for every process of the hub; docker-compose.yml picks the entry point of each.
FROM node:20-bookworm-slim
WORKDIR /hub
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY packages ./packages
COPY services ./services
COPY gateway ./gateway
COPY test ./test
COPY schema ./schema
COPY data ./data
RUN npm ci --no-audit --no-fund && npx tsc -b && npm prune --omit=dev
USER node
