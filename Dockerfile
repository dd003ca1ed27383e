# One image for the API and the worker; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY config ./config
COPY templates ./templates
COPY src ./src
USER node
CMD ["node", "--import", "tsx", "src/api/main.ts"]
