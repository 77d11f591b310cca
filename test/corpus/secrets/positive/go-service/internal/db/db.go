package db

import (
	"database/sql"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/lib/pq"
)

const (
	ordersDSN  = "host=orders-db.internal port=5432 user=orders password=oLqgUbeyFAxeoh4esNGA dbname=orders sslmode=require"
	catalogDSN = "catalog:JpOiAVJWCC5k0RfsV7s0@tcp(catalog-db.internal:3306)/catalog?parseTime=true"
)

// Open opens both databases.
func Open() (*sql.DB, *sql.DB, error) {
	orders, err := sql.Open("postgres", ordersDSN)
	if err != nil {
		return nil, nil, err
	}
	catalog, err := sql.Open("mysql", catalogDSN)
	if err != nil {
		return nil, nil, err
	}
	return orders, catalog, nil
}
