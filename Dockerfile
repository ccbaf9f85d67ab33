# Builds and runs ChipLedger; used by docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/api/target/chipledger.jar /app/chipledger.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/chipledger.jar"]
