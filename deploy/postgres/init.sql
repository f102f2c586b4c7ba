-- One database per service: each owns its schema and migrates it with Flyway at start-up.
CREATE DATABASE orchestrator;
CREATE DATABASE catalog;
CREATE DATABASE edge;
