//! The Seq test files of `tests/seq/`, each run through `seq_tests!`: every word
//! `test-*` with effect `( -- )` is a Rust test.

mod support;

mod basics {
    seq::seq_tests!("tests/seq/test-basics.seq");
}

mod closures {
    seq::seq_tests!("tests/seq/test-closures.seq");
}

mod weaves {
    seq::seq_tests!("tests/seq/test-weaves.seq");
}

mod cond_while {
    seq::seq_tests!("tests/seq/test-cond-while.seq");
}

mod boolean_bitwise {
    seq::seq_tests!("tests/seq/test-boolean-bitwise.seq");
}

mod channel_patterns {
    seq::seq_tests!("tests/seq/test-channel-patterns.seq");
}

mod channels {
    seq::seq_tests!("tests/seq/test-channels.seq");
}

mod combinators {
    seq::seq_tests!("tests/seq/test-combinators.seq");
}

mod cond_combinator {
    seq::seq_tests!("tests/seq/test-cond-combinator.seq");
}

mod conditionals {
    seq::seq_tests!("tests/seq/test-conditionals.seq");
}

mod conversions {
    seq::seq_tests!("tests/seq/test-conversions.seq");
}

mod float_arithmetic {
    seq::seq_tests!("tests/seq/test-float-arithmetic.seq");
}

mod float_math {
    seq::seq_tests!("tests/seq/test-float-math.seq");
}

mod generic_words {
    seq::seq_tests!("tests/seq/test-generic-words.seq");
}

mod include_once {
    seq::seq_tests!("tests/seq/test-include-once.seq");
}

mod include_shared {
    seq::seq_tests!("tests/seq/test-include-shared.seq");
}

mod int_arithmetic {
    seq::seq_tests!("tests/seq/test-int-arithmetic.seq");
}

mod int_comparison {
    seq::seq_tests!("tests/seq/test-int-comparison.seq");
}

mod int_division {
    seq::seq_tests!("tests/seq/test-int-division.seq");
}

mod int_edge_cases {
    seq::seq_tests!("tests/seq/test-int-edge-cases.seq");
}

mod lists_basic {
    seq::seq_tests!("tests/seq/test-lists-basic.seq");
}

mod lists_loops {
    seq::seq_tests!("tests/seq/test-lists-loops.seq");
}

mod json_bytes {
    seq::seq_tests!("tests/seq/test-json-bytes.seq");
}

mod literals {
    seq::seq_tests!("tests/seq/test-literals.seq");
}

mod loops {
    seq::seq_tests!("tests/seq/test-loops.seq");
}

mod maps_basic {
    seq::seq_tests!("tests/seq/test-maps-basic.seq");
}

mod maps_keys_loops {
    seq::seq_tests!("tests/seq/test-maps-keys-loops.seq");
}

mod mutual_recursion {
    seq::seq_tests!("tests/seq/test-mutual-recursion.seq");
}

mod nested_collections {
    seq::seq_tests!("tests/seq/test-nested-collections.seq");
}

mod pick_roll_aux {
    seq::seq_tests!("tests/seq/test-pick-roll-aux.seq");
}

mod quotation_edge_cases {
    seq::seq_tests!("tests/seq/test-quotation-edge-cases.seq");
}

mod shifts_bits {
    seq::seq_tests!("tests/seq/test-shifts-bits.seq");
}

mod shuffles {
    seq::seq_tests!("tests/seq/test-shuffles.seq");
}

mod std_control {
    seq::seq_tests!("tests/seq/test-std-control.seq");
}

mod std_fmath {
    seq::seq_tests!("tests/seq/test-std-fmath.seq");
}

mod std_imath {
    seq::seq_tests!("tests/seq/test-std-imath.seq");
}

mod std_list {
    seq::seq_tests!("tests/seq/test-std-list.seq");
}

mod std_loops {
    seq::seq_tests!("tests/seq/test-std-loops.seq");
}

mod std_json {
    seq::seq_tests!("tests/seq/test-std-json.seq");
}

mod std_map {
    seq::seq_tests!("tests/seq/test-std-map.seq");
}

mod std_son {
    seq::seq_tests!("tests/seq/test-std-son.seq");
}

mod std_zipper {
    seq::seq_tests!("tests/seq/test-std-zipper.seq");
}

mod std_http {
    seq::seq_tests!("tests/seq/test-std-http.seq");
}

mod stack_dump {
    seq::seq_tests!("tests/seq/test-stack-dump.seq");
}

mod std_yaml {
    seq::seq_tests!("tests/seq/test-std-yaml.seq");
}

mod std_stack_utils {
    seq::seq_tests!("tests/seq/test-std-stack-utils.seq");
}

mod strands {
    seq::seq_tests!("tests/seq/test-strands.seq");
}

mod string_edge_cases {
    seq::seq_tests!("tests/seq/test-string-edge-cases.seq");
}

mod strings_basic {
    seq::seq_tests!("tests/seq/test-strings-basic.seq");
}

mod strings_case_trim {
    seq::seq_tests!("tests/seq/test-strings-case-trim.seq");
}

mod strings_search {
    seq::seq_tests!("tests/seq/test-strings-search.seq");
}

mod strings_split_join {
    seq::seq_tests!("tests/seq/test-strings-split-join.seq");
}

mod sugar {
    seq::seq_tests!("tests/seq/test-sugar.seq");
}

mod symbols {
    seq::seq_tests!("tests/seq/test-symbols.seq");
}

mod tail_calls {
    seq::seq_tests!("tests/seq/test-tail-calls.seq");
}

mod test_words {
    seq::seq_tests!("tests/seq/test-test-words.seq");
}

mod time_args {
    seq::seq_tests!("tests/seq/test-time-args.seq");
}

mod unions_basic {
    seq::seq_tests!("tests/seq/test-unions-basic.seq");
}

mod unions_recursive {
    seq::seq_tests!("tests/seq/test-unions-recursive.seq");
}

mod unions_wide {
    seq::seq_tests!("tests/seq/test-unions-wide.seq");
}

mod variants_wide {
    seq::seq_tests!("tests/seq/test-variants-wide.seq");
}

mod variants {
    seq::seq_tests!("tests/seq/test-variants.seq");
}

mod word_names {
    seq::seq_tests!("tests/seq/test-word-names.seq");
}

mod pow_huge_exponent {
    seq::seq_tests!("tests/seq/test-pow-huge-exponent.seq");
}

mod generic_list_words {
    seq::seq_tests!("tests/seq/test-generic-list-words.seq");
}

mod upstream_captures {
    seq::seq_tests!("tests/seq/test-upstream-captures.seq");
}

mod dynamic_unions {
    seq::seq_tests!("tests/seq/test-dynamic-unions.seq");
}

mod inferred_effects {
    seq::seq_tests!("tests/seq/test-inferred-effects.seq");
}

mod mixed_containers {
    seq::seq_tests!("tests/seq/test-mixed-containers.seq");
}

mod upstream_forms {
    seq::seq_tests!("tests/seq/test-upstream-forms.seq");
}

mod signals {
    seq::seq_tests!("tests/seq/test-signals.seq");
}

mod codec_encoding {
    seq::seq_tests!("tests/seq/test-codec-encoding.seq");
}

mod codec_crypto {
    seq::seq_tests!("tests/seq/test-codec-crypto.seq");
}

mod codec_compress {
    seq::seq_tests!("tests/seq/test-codec-compress.seq");
}

mod codec_regex {
    seq::seq_tests!("tests/seq/test-codec-regex.seq");
}

mod files {
    seq::seq_tests!("tests/seq/test-files.seq");
}

mod os_words {
    seq::seq_tests!("tests/seq/test-os-words.seq");
}

mod net {
    seq::seq_tests!("tests/seq/test-net.seq");
}

mod net_tls {
    /// The port of a local TLS echo server whose certificate (for `localhost` and
    /// 127.0.0.1) the client trusts.
    pub fn tls_echo_port() -> i64 {
        let server = crate::support::tls_echo(&["localhost", "127.0.0.1"]);
        assert!(seq::runtime::net::add_trust_root(
            server.cert.as_deref().unwrap()
        ));
        i64::from(server.port)
    }

    /// The port of a server that closes every connection without a byte.
    pub fn closing_port() -> i64 {
        i64::from(crate::support::closing())
    }

    seq::seq_tests!("tests/seq/test-net-tls.seq");
}

mod http_client {
    /// `http://127.0.0.1:PORT` of a local server with the test routes; allows private
    /// addresses for this binary.
    pub fn http_base() -> String {
        seq::runtime::net::http::allow_private(true);
        let server = crate::support::http(crate::support::routes);
        format!("http://127.0.0.1:{}", server.port)
    }

    /// A URL of a port nothing listens on.
    pub fn refused_base() -> String {
        seq::runtime::net::http::allow_private(true);
        format!("http://127.0.0.1:{}/", crate::support::refused_port())
    }

    seq::seq_tests!("tests/seq/test-http-client.seq");
}
