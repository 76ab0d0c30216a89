--liquibase formatted sql

--changeset shop:3
ALTER TABLE authors ALTER COLUMN name TYPE varchar(300);
