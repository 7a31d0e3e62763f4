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
ENTRYPOINT ["dotnet", "Synap.Silo.dll"]

FROM runtime AS api
COPY --from=publish-api /out ./
ENTRYPOINT ["dotnet", "Synap.Api.dll"]
