CREATE TABLE authors (
    id   bigserial PRIMARY KEY,
    name varchar(200) NOT NULL
);

CREATE TABLE books (
    id        bigserial PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES authors (id),
    title     varchar(200) NOT NULL
);
