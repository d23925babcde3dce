// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// testSecret is planted in every file Open is made to refuse, so that a test
// can tell that no error repeats what the file holds.
const testSecret = "s3cr3t-do-not-show"

// makeDB builds a SQLite database as another program would, and closes it.
func makeDB(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, stmt := range stmts {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// makeUnfinishedWAL leaves at path what a program killed while it had the
// database open leaves: a WAL-mode file whose last transactions are only in
// the -wal file beside it.
func makeUnfinishedWAL(t *testing.T, path string, stmts ...string) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "live.db")
	db := openPlain(t, src)
	db.SetMaxOpenConns(1)
	for _, stmt := range append([]string{"PRAGMA journal_mode = WAL"}, stmts...) {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	copyStore(t, src, path)
}

// copyStore copies a database and its -wal and -shm files, as they are at
// this moment, to dst.
func copyStore(t *testing.T, src, dst string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(src + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// folderState records each entry of dir with its mode and, but for a -shm
// file, its modification time and a digest of its bytes. A -shm file is an
// index of the -wal file that any reader of a WAL database may rebuild, in
// shared memory, not part of the database.
func folderState(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	state := map[string]string{}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		desc := fi.Mode().String()
		if strings.HasSuffix(e.Name(), "-shm") {
			state[e.Name()] = desc
			continue
		}
		desc += fmt.Sprintf(" %v", fi.ModTime().UnixNano())
		if fi.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			desc += fmt.Sprintf(" %x", sha256.Sum256(b))
		}
		state[e.Name()] = desc
	}
	return state
}

func TestOpenRefusesWhatIsNotAStore(t *testing.T) {
	const (
		foreign = "%s is not a Lever provider store: it is a SQLite database of another " +
			"program. Point embedded_path at a new file or at an existing store"
		notSQLite = "%s is not a Lever provider store: the file is not a SQLite database. " +
			"Point embedded_path at a new file or at an existing store"
	)
	binary := make([]byte, 8192)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	plant := fmt.Sprintf("INSERT INTO notes VALUES ('client_secret=%s')", testSecret)

	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, path string)
		want  string
	}{
		{
			name:  "folder",
			setup: func(t *testing.T, path string) { mkdir(t, path) },
			want:  "%[1]s is a folder; embedded_path must name a file, such as %[1]s/profiles.db",
		},
		{
			name: "text file",
			setup: func(t *testing.T, path string) {
				writeFile(t, path, []byte("client_secret = \""+testSecret+"\"\n"))
			},
			want: notSQLite,
		},
		{
			name:  "binary file",
			setup: func(t *testing.T, path string) { writeFile(t, path, binary) },
			want:  notSQLite,
		},
		{
			name: "file that only starts like a SQLite database",
			setup: func(t *testing.T, path string) {
				b := append([]byte("SQLite format 3\x00"), binary[:4080]...)
				writeFile(t, path, append(b, testSecret...))
			},
			want: notSQLite,
		},
		{
			name: "database with tables",
			setup: func(t *testing.T, path string) {
				makeDB(t, path, "CREATE TABLE notes (body TEXT)", plant)
			},
			want: foreign,
		},
		{
			name: "database with a profiles table",
			setup: func(t *testing.T, path string) {
				makeDB(t, path, "CREATE TABLE profiles (id TEXT, client_secret TEXT)",
					"INSERT INTO profiles VALUES ('p', '"+testSecret+"')")
			},
			want: foreign,
		},
		{
			name: "database at user_version 7",
			setup: func(t *testing.T, path string) {
				makeDB(t, path, "CREATE TABLE notes (body TEXT)", plant, "PRAGMA user_version = 7")
			},
			want: foreign,
		},
		{
			name: "empty database of another application",
			setup: func(t *testing.T, path string) {
				makeDB(t, path, "PRAGMA application_id = 1234")
			},
			want: foreign,
		},
		{
			name: "WAL database",
			setup: func(t *testing.T, path string) {
				makeDB(t, path, "PRAGMA journal_mode = WAL", "CREATE TABLE notes (body TEXT)", plant)
			},
			want: foreign,
		},
		{
			name: "WAL database whose tables are only in its log",
			setup: func(t *testing.T, path string) {
				makeUnfinishedWAL(t, path, "CREATE TABLE notes (body TEXT)", plant)
			},
			want: foreign,
		},
		{
			name: "store of a newer provider",
			setup: func(t *testing.T, path string) {
				s := openStore(t, path, 0)
				in := profileInput("newer")
				in.ClientSecret = testSecret
				if _, err := s.CreateProfile(context.Background(), in); err != nil {
					t.Fatal(err)
				}
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				makeDB(t, path, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion+1))
			},
			want: fmt.Sprintf("embedded store at %%s was written by a newer version of the "+
				"provider (schema %d, this provider knows %d); upgrade the provider",
				schemaVersion+1, schemaVersion),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "profiles.db")
			tc.setup(t, path)
			before := folderState(t, dir)

			s, err := Open(context.Background(), testOptions(t, path))
			if err == nil {
				_ = s.Close()
				t.Fatal("Open succeeded")
			}
			if want := fmt.Sprintf(tc.want, path); err.Error() != want {
				t.Errorf("error = %q\nwant    %q", err, want)
			}
			if !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), testSecret) {
				t.Errorf("error %q should name the path and not show the secret", err)
			}
			after := folderState(t, dir)
			for name, was := range before {
				if after[name] != was {
					t.Errorf("%s changed: was %s, now %s", name, was, after[name])
				}
			}
			for name := range after {
				if _, ok := before[name]; !ok {
					t.Errorf("Open left %s beside the file", name)
				}
			}
		})
	}
}

func mkdir(t *testing.T, path string) {
	t.Helper()
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestOpenAdoptsEmptyDatabases(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, path string)
	}{
		{"empty file", func(t *testing.T, path string) { writeFile(t, path, nil) }},
		{"database without tables", func(t *testing.T, path string) {
			makeDB(t, path, "CREATE TABLE t (x)", "DROP TABLE t")
		}},
		{"WAL database without tables", func(t *testing.T, path string) {
			makeDB(t, path, "PRAGMA journal_mode = WAL")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "profiles.db")
			tc.setup(t, path)
			s := openStore(t, path, 0)
			mustCreate(t, s, "adopted")

			var appID int
			if err := s.db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
				t.Fatal(err)
			}
			if appID != 0x4C564552 {
				t.Errorf("application_id = %#x, want 0x4C564552 (\"LVER\")", appID)
			}
		})
	}
}

// TestOpenStoreWithUnfinishedLog opens a store whose provider was killed
// before SQLite copied its log into the file, as Terraform does to provider
// processes: the file's own header still reads as an empty database.
func TestOpenStoreWithUnfinishedLog(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "live.db"), filepath.Join(dir, "copy.db")
	p := mustCreate(t, openStore(t, src, 0), "kept")
	copyStore(t, src, dst)

	if _, err := openStore(t, dst, 0).GetProfile(context.Background(), p.ID); err != nil {
		t.Errorf("GetProfile from the copy: %v", err)
	}
}

func TestOpenMakesExistingFilesPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix file modes")
	}
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // Whatever the umask.
		t.Fatal(err)
	}
	path := filepath.Join(dir, "profiles.db")
	// The first store keeps the -wal and -shm files in place.
	mustCreate(t, openStore(t, path, 0), "exposed")
	files := []string{path, path + "-wal", path + "-shm"}
	for _, f := range files {
		if err := os.Chmod(f, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	empty := filepath.Join(dir, "empty.db")
	writeFile(t, empty, nil)
	if err := os.Chmod(empty, 0o640); err != nil {
		t.Fatal(err)
	}

	openStore(t, path, 0)
	openStore(t, empty, 0)
	for _, f := range append(files, empty) {
		if fi, err := os.Stat(f); err != nil || fi.Mode() != 0o600 {
			t.Errorf("%s: mode %v, %v; want 0600", f, fi.Mode(), err)
		}
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode() != 0o755|os.ModeDir {
		t.Errorf("folder: mode %v, %v; want its own 0755 kept", fi.Mode(), err)
	}
}
