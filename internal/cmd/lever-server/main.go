// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Command lever-server serves the connector profile API over embedded
// stores (one file per tenant) or a PostgreSQL database.
//
//	lever-server -data-dir DIR -encryption-key-file FILE -tokens-file FILE
//	lever-server hash-token < token   # prints the sha256 for -tokens-file
//	lever-server new-key               # prints a fresh encryption key
//
// Every flag may also be set by an environment variable: LEVER_SERVER_ and
// the flag's name in upper case with "_" for "-", such as
// LEVER_SERVER_ENCRYPTION_KEY.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/embedded"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/postgres"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server"
)

// version is set at build time (-ldflags "-X main.version=...").
var version = "dev"

// envPrefix starts the environment variable of every flag.
const envPrefix = "LEVER_SERVER_"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := (&program{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}).run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "lever-server:", err)
		os.Exit(1)
	}
}

// program is one run of the command, with its streams, so that tests can
// run it in process.
type program struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// listening, when set, is told the address the server listens on.
	listening func(addr string)
}

// options are the command's flags.
type options struct {
	listen, dataDir, postgresURL       string
	encryptionKey, encryptionKeyFile   string
	tokensFile                         string
	jwtIssuer, jwtAudience, jwtJWKSURL string
	jwtTenantClaim, jwtRoleClaim       string
	rate                               float64
	burst                              int
	maxBodyBytes                       int64
	tlsCert, tlsKey                    string
	shutdownTimeout                    time.Duration
	logLevel                           string
}

func (p *program) run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "hash-token":
			return p.hashToken()
		case "new-key":
			_, err := fmt.Fprintln(p.stdout, hex.EncodeToString(sealing.NewKey()))
			return err
		}
	}
	opts, err := p.parseFlags(args)
	if err != nil {
		return err
	}
	return p.serve(ctx, opts)
}

// hashToken prints the hex SHA-256 of the token on stdin, without the
// line break that ends it.
func (p *program) hashToken() error {
	raw, err := io.ReadAll(io.LimitReader(p.stdin, 64<<10))
	if err != nil {
		return fmt.Errorf("reading the token from stdin: %w", err)
	}
	token := strings.TrimRight(string(raw), "\r\n")
	if strings.TrimSpace(token) == "" {
		return errors.New("no token on stdin; pipe the token in, such as: lever-server hash-token < token")
	}
	sum := sha256.Sum256([]byte(token))
	_, err = fmt.Fprintln(p.stdout, hex.EncodeToString(sum[:]))
	return err
}

func (p *program) parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("lever-server", flag.ContinueOnError)
	fs.SetOutput(p.stderr)
	fs.StringVar(&o.listen, "listen", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&o.dataDir, "data-dir", "./lever-server-data",
		"folder of the embedded stores, one file per tenant")
	fs.StringVar(&o.postgresURL, "postgres-url", "", "PostgreSQL connection URL; replaces -data-dir")
	fs.StringVar(&o.encryptionKey, "encryption-key", "", "key sealing client secrets: 64 hex digits "+
		"(or 32 bytes in base64); prefer the environment variable or -encryption-key-file")
	fs.StringVar(&o.encryptionKeyFile, "encryption-key-file", "", "file holding the encryption key")
	fs.StringVar(&o.tokensFile, "tokens-file", "", "JSON list of static tokens: {name, tenant, role, sha256}")
	fs.StringVar(&o.jwtIssuer, "jwt-issuer", "", "issuer of accepted JWTs")
	fs.StringVar(&o.jwtAudience, "jwt-audience", "", "audience accepted JWTs must name")
	fs.StringVar(&o.jwtJWKSURL, "jwt-jwks-url", "", "URL of the JWT issuer's keys")
	fs.StringVar(&o.jwtTenantClaim, "jwt-tenant-claim", "tenant", "JWT claim naming the tenant")
	fs.StringVar(&o.jwtRoleClaim, "jwt-role-claim", "role", "JWT claim naming the role")
	fs.Float64Var(&o.rate, "rate", 0, "requests per second each token may send; 0 means no limit")
	fs.IntVar(&o.burst, "burst", 0, "requests a token may send at once; 0 means the rate, rounded up")
	fs.Int64Var(&o.maxBodyBytes, "max-body-bytes", server.DefaultMaxBodyBytes, "largest request body")
	fs.StringVar(&o.tlsCert, "tls-cert", "", "TLS certificate file; with -tls-key, serve HTTPS")
	fs.StringVar(&o.tlsKey, "tls-key", "", "TLS private key file")
	fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 30*time.Second,
		"how long a shutdown waits for requests in flight")
	fs.StringVar(&o.logLevel, "log-level", "info", "debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q; the subcommands are hash-token and new-key", fs.Arg(0))
	}
	return o, applyEnvironment(fs)
}

// applyEnvironment sets each flag not given on the command line from its
// environment variable.
func applyEnvironment(fs *flag.FlagSet) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		name := envPrefix + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		v, ok := os.LookupEnv(name)
		if given[f.Name] || !ok || err != nil {
			return
		}
		if setErr := f.Value.Set(v); setErr != nil {
			// The value may be a key: name the variable, not the value.
			err = fmt.Errorf("%s is not a valid value for -%s", name, f.Name)
		}
	})
	return err
}

func (p *program) serve(ctx context.Context, o options) error {
	log, err := newLogger(p.stderr, o.logLevel)
	if err != nil {
		return err
	}
	cfg, err := serverConfig(o, log)
	if err != nil {
		return err
	}
	key, err := loadKey(o)
	if err != nil {
		return err
	}
	tenants, err := openTenants(ctx, o, key, cfg.Tokens)
	if err != nil {
		return err
	}
	defer tenants.Close()
	cfg.Tenants = tenants

	handler, err := server.New(cfg)
	if err != nil {
		return err
	}
	defer handler.Close()
	return p.listenAndServe(ctx, o, handler, log, tenants.Describe())
}

func (p *program) listenAndServe(ctx context.Context, o options, h http.Handler, log *slog.Logger, store string) error {
	if (o.tlsCert == "") != (o.tlsKey == "") {
		return errors.New("-tls-cert and -tls-key go together: give both to serve HTTPS, or neither")
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", o.listen, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() {
		if o.tlsCert != "" {
			served <- srv.ServeTLS(ln, o.tlsCert, o.tlsKey)
			return
		}
		served <- srv.Serve(ln)
	}()
	log.Info("serving", "version", version, "address", ln.Addr().String(),
		"tls", o.tlsCert != "", "store", store)
	if p.listening != nil {
		p.listening(ln.Addr().String())
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down; finishing requests in flight", "timeout", o.shutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), o.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("-log-level %q is not debug, info, warn or error", level)
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// serverConfig is the server's configuration apart from its store.
func serverConfig(o options, log *slog.Logger) (server.Config, error) {
	cfg := server.Config{RatePerSecond: o.rate, Burst: o.burst, MaxBodyBytes: o.maxBodyBytes, Logger: log}
	if o.maxBodyBytes < 1 {
		return cfg, fmt.Errorf("-max-body-bytes must be at least 1, not %d", o.maxBodyBytes)
	}
	if o.tokensFile != "" {
		raw, err := os.ReadFile(o.tokensFile)
		if err != nil {
			return cfg, fmt.Errorf("reading the tokens file: %w", err)
		}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cfg.Tokens); err != nil {
			return cfg, fmt.Errorf("the tokens file %s is not a JSON list of "+
				"{\"name\", \"tenant\", \"role\", \"sha256\"}: %w", o.tokensFile, err)
		}
	}
	if o.jwtIssuer != "" || o.jwtAudience != "" || o.jwtJWKSURL != "" {
		cfg.JWT = &server.JWTConfig{Issuer: o.jwtIssuer, Audience: o.jwtAudience, JWKSURL: o.jwtJWKSURL,
			TenantClaim: o.jwtTenantClaim, RoleClaim: o.jwtRoleClaim}
	}
	if len(cfg.Tokens) == 0 && cfg.JWT == nil {
		return cfg, errors.New("no one could call the API: give -tokens-file, or -jwt-issuer, " +
			"-jwt-audience and -jwt-jwks-url")
	}
	return cfg, nil
}

// loadKey reads the encryption key from the flag, its environment variable
// or the key file. Errors never repeat the key.
func loadKey(o options) ([]byte, error) {
	text := o.encryptionKey
	switch {
	case text != "" && o.encryptionKeyFile != "":
		return nil, errors.New("give the encryption key once: -encryption-key or -encryption-key-file")
	case o.encryptionKeyFile != "":
		raw, err := os.ReadFile(o.encryptionKeyFile)
		if err != nil {
			return nil, fmt.Errorf("reading the encryption key file: %w", err)
		}
		text = string(raw)
	case text == "":
		return nil, errors.New("no encryption key: set " + envPrefix + "ENCRYPTION_KEY or " +
			"-encryption-key-file to the key that seals client secrets (lever-server new-key makes one)")
	}
	text = strings.TrimSpace(text)
	if key, err := hex.DecodeString(text); err == nil {
		if len(key) != sealing.KeySize {
			return nil, fmt.Errorf("the encryption key is %d bytes; it must be %d (%d hex digits)",
				len(key), sealing.KeySize, 2*sealing.KeySize)
		}
		return key, nil
	}
	if _, err := base64.StdEncoding.DecodeString(text); err == nil {
		return sealing.ParseKey(text)
	}
	return nil, fmt.Errorf("the encryption key is neither %d hex digits nor base64", 2*sealing.KeySize)
}

// openTenants opens the store and proves the key on it: a wrong key fails
// here, at start, rather than on a tenant's first request.
func openTenants(ctx context.Context, o options, key []byte, tokens []server.Token) (backend.Tenants, error) {
	if o.postgresURL != "" {
		// Open checks the key against the database; its errors and
		// Describe leave the password out.
		store, err := postgres.Open(ctx, postgres.Options{URL: o.postgresURL, EncryptionKey: key})
		if err != nil {
			return nil, err
		}
		return store, nil
	}
	ts, err := embedded.OpenTenants(ctx, embedded.TenantsOptions{Dir: o.dataDir, EncryptionKey: key})
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, t := range tokens {
		names[t.Tenant] = true
	}
	files, _ := filepath.Glob(filepath.Join(o.dataDir, "*.db"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".db")
		if backend.CheckTenant(name) == nil {
			names[name] = true
		}
	}
	for name := range names {
		if _, err := ts.Tenant(ctx, name); err != nil {
			_ = ts.Close()
			return nil, fmt.Errorf("opening tenant %s: %w", name, err)
		}
	}
	return ts, nil
}
