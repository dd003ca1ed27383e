package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	// The same pure-Go SQLite driver FerretDB registers as "sqlite".
	_ "modernc.org/sqlite"
)

// idIndexInterval is how often new databases and collections are looked for.
// A collection created in between is read by scanning until its index exists.
const idIndexInterval = time.Second

// FerretDB 1.24 creates the unique _id index on _ferretdb_sjson->"_id" but
// looks documents up by _ferretdb_sjson->'$._id'. SQLite only uses an
// expression index for the very same expression, so every findById and
// updateOne by _id read the whole table. An index on the lookup expression
// turns those scans into searches. FerretDB's metadata does not list it, so
// clients never see it, and dropping a collection drops it with the table.
const idIndexStatement = `CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`

// keepIDIndexes adds the lookup index to every collection table in dataDir,
// now and every idIndexInterval, until ctx ends.
func keepIDIndexes(ctx context.Context, dataDir string, logger *slog.Logger) {
	indexer := &idIndexer{dataDir: dataDir, logger: logger, databases: map[string]*sql.DB{}}
	defer indexer.close()

	ticker := time.NewTicker(idIndexInterval)
	defer ticker.Stop()

	for {
		indexer.indexAll(ctx)

		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

type idIndexer struct {
	dataDir   string
	logger    *slog.Logger
	databases map[string]*sql.DB
}

func (x *idIndexer) indexAll(ctx context.Context) {
	files, err := filepath.Glob(filepath.Join(x.dataDir, "*.sqlite"))
	if err != nil {
		x.logger.Warn("failed to list the database files; _id lookups in new collections scan until the next try", "dir", x.dataDir, "err", err)
		return
	}

	for _, file := range files {
		if err := x.indexDatabase(ctx, file); err != nil && ctx.Err() == nil {
			x.logger.Warn("failed to add _id lookup indexes; lookups by _id scan until the next try", "database", filepath.Base(file), "err", err)
		}
	}
}

func (x *idIndexer) indexDatabase(ctx context.Context, file string) error {
	db, err := x.open(file)
	if err != nil {
		return err
	}

	// Tables are listed on every pass, not remembered: a dropped and recreated
	// collection gets the same table name back, without the index.
	tables, err := tablesWithoutIDIndex(ctx, db)
	if err != nil {
		return err
	}

	for _, table := range tables {
		statement := fmt.Sprintf(idIndexStatement, table+idIndexSuffix, table)
		if _, err := db.ExecContext(ctx, statement); err != nil {
			return fmt.Errorf("table %s: %w", table, err)
		}
	}

	return nil
}

// open returns one connection per database file; busy_timeout lets index
// creation wait for FerretDB's writers instead of failing.
func (x *idIndexer) open(file string) (*sql.DB, error) {
	if db, ok := x.databases[file]; ok {
		return db, nil
	}

	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}

	db.SetMaxOpenConns(1)
	x.databases[file] = db

	return db, nil
}

const idIndexSuffix = "_loketbode_id_lookup"

// tablesWithoutIDIndex lists the tables FerretDB keeps collections in that
// lack the lookup index. A database file FerretDB has only just created may
// not have the metadata table yet, and then it has no collections either.
func tablesWithoutIDIndex(ctx context.Context, db *sql.DB) ([]string, error) {
	var exists int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_ferretdb_collections'`).Scan(&exists)
	if err != nil || exists == 0 {
		return nil, err
	}

	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections
		WHERE table_name || ? NOT IN (SELECT name FROM sqlite_master WHERE type = 'index')`, idIndexSuffix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()

	var tables []string

	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			return nil, err
		}

		tables = append(tables, table)
	}

	return tables, rows.Err()
}

func (x *idIndexer) close() {
	for _, db := range x.databases {
		_ = db.Close()
	}
}
