# Selaras: one image serving the API, the collaboration socket and the web client.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The government fonts of the exports (?font=times|arial|bookman): metric-compatible and free.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-liberation2 fonts-texgyre \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
EXPOSE 8080
USER node
CMD ["node", "--max-semi-space-size=8", "dist/server/main.js"]
