# syntax=docker/dockerfile:1
# One image per host process, chosen with --target:
#   docker build --target silo -t synap-silo .
#   docker build --target api  -t synap-api  .     (api is also the default target)
# Configuration comes only from the API.md §13 keys as environment variables (docker-compose.yml).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# Host build output must not leak into the image build (obj/ holds host paths).
RUN find src -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +

FROM build AS publish-silo
RUN --mount=type=cache,id=synap-nuget,target=/root/.nuget/packages \
    dotnet publish src/Silo/Silo.csproj -c Release -o /out --nologo

FROM build AS publish-api
RUN --mount=type=cache,id=synap-nuget,target=/root/.nuget/packages \
    dotnet publish src/Api/Api.csproj -c Release -o /out --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The base image listens on :8080 unless told otherwise; our processes take their addresses from `Urls`.
ENV ASPNETCORE_HTTP_PORTS="" \
    DOTNET_NOLOGO=1
# Standalone mode (no ConnectionStrings:Synap) keeps its SQLite file in data/ under the working dir; mount a volume there.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID

FROM runtime AS silo
COPY --from=publish-silo /out ./
# A container learns its address only when it runs, and the replicas of a scaled service share one configuration:
# unless Orleans__AdvertisedIP is given, the silo advertises the IPv4 address its host name resolves to (Docker's
# /etc/hosts entry for the container), so `docker compose up --scale silo=N` needs no address per silo.
COPY --chmod=755 <<'EOF' /usr/local/bin/synap-silo
#!/bin/bash
set -euo pipefail
if [[ -z ${Orleans__AdvertisedIP:-} ]]; then
  read -r Orleans__AdvertisedIP _ < <(getent ahostsv4 "$HOSTNAME") || true
  [[ -n ${Orleans__AdvertisedIP:-} ]] || { echo "synap-silo: $HOSTNAME resolves to no IPv4 address; set Orleans__AdvertisedIP" >&2; exit 1; }
  export Orleans__AdvertisedIP
fi
exec dotnet /app/Synap.Silo.dll "$@"
EOF
ENTRYPOINT ["synap-silo"]

FROM runtime AS api
COPY --from=publish-api /out ./
ENTRYPOINT ["dotnet", "Synap.Api.dll"]
