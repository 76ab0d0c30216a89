-- A table change under the managed view author_book_counts (it reads authors.name).
ALTER TABLE authors ALTER COLUMN name TYPE varchar(300);
