//! Every builtin word: values and edge cases, as the reference describes them.

use seq::seq;

seq! {
    // Shuffles.
    : t-dup ( Int -- Int Int ) dup ;
    : t-drop ( Int Int -- Int ) drop ;
    : t-swap ( Int String -- String Int ) swap ;
    : t-over ( Int Int -- Int Int Int ) over ;
    : t-rot ( Int Int Int -- Int Int Int ) rot ;
    : t-nip ( Int Int -- Int ) nip ;
    : t-tuck ( Int Int -- Int Int Int ) tuck ;
    : t-2dup ( Int String -- Int String Int String ) 2dup ;
    : t-3drop ( Int Int Int Int -- Int ) 3drop ;
    : t-string-shuffles ( String String -- String String String String ) over over swap ;

    // Integer arithmetic, terse and verbose.
    : t-add ( Int Int -- Int ) i.+ ;           : t-add-v ( Int Int -- Int ) i.add ;
    : t-sub ( Int Int -- Int ) i.- ;           : t-sub-v ( Int Int -- Int ) i.subtract ;
    : t-mul ( Int Int -- Int ) i.* ;           : t-mul-v ( Int Int -- Int ) i.multiply ;
    : t-div ( Int Int -- Int Bool ) i./ ;      : t-div-v ( Int Int -- Int Bool ) i.divide ;
    : t-mod ( Int Int -- Int Bool ) i.% ;      : t-mod-v ( Int Int -- Int Bool ) i.modulo ;
    : t-pow ( Int Int -- Int Bool ) i.pow ;
    : t-neg ( Int -- Int ) i.neg ;             : t-negate ( Int -- Int ) negate ;

    // Integer comparison, terse and verbose.
    : t-eq ( Int Int -- Bool ) i.= ;   : t-eq-v ( Int Int -- Bool ) i.eq ;
    : t-ne ( Int Int -- Bool ) i.<> ;  : t-ne-v ( Int Int -- Bool ) i.neq ;
    : t-lt ( Int Int -- Bool ) i.< ;   : t-lt-v ( Int Int -- Bool ) i.lt ;
    : t-gt ( Int Int -- Bool ) i.> ;   : t-gt-v ( Int Int -- Bool ) i.gt ;
    : t-le ( Int Int -- Bool ) i.<= ;  : t-le-v ( Int Int -- Bool ) i.lte ;
    : t-ge ( Int Int -- Bool ) i.>= ;  : t-ge-v ( Int Int -- Bool ) i.gte ;

    // Sugar resolves by operand types.
    : s-add ( Int Int -- Int ) + ;  : s-fadd ( Float Float -- Float ) + ;
    : s-sub ( Int Int -- Int ) - ;  : s-fsub ( Float Float -- Float ) - ;
    : s-mul ( Int Int -- Int ) * ;  : s-fmul ( Float Float -- Float ) * ;
    : s-div ( Int Int -- Int Bool ) / ;  : s-fdiv ( Float Float -- Float ) / ;
    : s-mod ( Int Int -- Int Bool ) % ;
    // Leaves ( = >= <= > < <> ), as t-fcmp-v.
    : s-cmp ( Int Int -- Bool Bool Bool Bool Bool Bool )
        2dup = >aux 2dup <> >aux 2dup < >aux 2dup > >aux 2dup <= >aux >=
        aux> aux> aux> aux> aux> 5 roll 5 roll 5 roll 5 roll 5 roll ;
    : s-fcmp ( Float Float -- Bool Bool ) 2dup < >aux = aux> ;

    // Boolean and bitwise.
    : t-and ( Bool Bool -- Bool ) and ;  : t-or ( Bool Bool -- Bool ) or ;  : t-not ( Bool -- Bool ) not ;
    : t-band ( Int Int -- Int ) band ;  : t-bor ( Int Int -- Int ) bor ;  : t-bxor ( Int Int -- Int ) bxor ;
    : t-bnot ( Int -- Int ) bnot ;
    : t-shl ( Int Int -- Int ) shl ;  : t-shr ( Int Int -- Int ) shr ;
    : t-popcount ( Int -- Int ) popcount ;  : t-clz ( Int -- Int ) clz ;  : t-ctz ( Int -- Int ) ctz ;
    : t-int-bits ( -- Int ) int-bits ;

    // Literals.
    : lits ( -- Int Int Int Int Int ) 0xFF 0b1010 -7 0xFFFFFFFFFFFFFFFF -9223372036854775808 ;
    : flits ( -- Float Float Float Float ) 3.25 -0.5 1e3 2.5e-3 ;
    : blits ( -- Bool Bool ) true false ;
    : slits ( -- String String ) "tab\there" "" ;

    // Floats.
    : t-fadd ( Float Float -- Float ) f.+ ;  : t-fadd-v ( Float Float -- Float ) f.add ;
    : t-fsub ( Float Float -- Float ) f.- ;  : t-fsub-v ( Float Float -- Float ) f.subtract ;
    : t-fmul ( Float Float -- Float ) f.* ;  : t-fmul-v ( Float Float -- Float ) f.multiply ;
    : t-fdiv ( Float Float -- Float ) f./ ;  : t-fdiv-v ( Float Float -- Float ) f.divide ;
    : t-feq ( Float Float -- Bool ) f.= ;    : t-fne ( Float Float -- Bool ) f.<> ;
    : t-flt ( Float Float -- Bool ) f.< ;    : t-fgt ( Float Float -- Bool ) f.> ;
    : t-fle ( Float Float -- Bool ) f.<= ;   : t-fge ( Float Float -- Bool ) f.>= ;
    // Leaves ( eq ge le gt lt ne ): the aux stack returns them reversed, the rolls rotate.
    : t-fcmp-v ( Float Float -- Bool Bool Bool Bool Bool Bool )
        2dup f.eq >aux 2dup f.neq >aux 2dup f.lt >aux 2dup f.gt >aux 2dup f.lte >aux f.gte
        aux> aux> aux> aux> aux> 5 roll 5 roll 5 roll 5 roll 5 roll ;
    : t-math ( Float -- Float Float Float Float Float Float )
        dup f.sqrt swap dup f.cbrt swap dup f.exp swap dup f.ln swap dup f.log10 swap f.log2 ;
    : t-trig ( Float -- Float Float Float Float Float Float )
        dup f.sin swap dup f.cos swap dup f.tan swap dup f.asin swap dup f.acos swap f.atan ;
    : t-rounding ( Float -- Float Float Float Float ) dup f.floor swap dup f.ceil swap dup f.trunc swap f.round ;
    : t-fpow ( Float Float -- Float ) f.pow ;  : t-atan2 ( Float Float -- Float ) f.atan2 ;
    : t-consts ( -- Float Float Float ) f.pi f.e f.tau ;

    // Conversions.
    : t-i2f ( Int -- Float ) int->float ;       : t-f2i ( Float -- Int ) float->int ;
    : t-i2s ( Int -- String ) int->string ;     : t-f2s ( Float -- String ) float->string ;
    : t-s2i ( String -- Int Bool ) string->int ; : t-s2f ( String -- Float Bool ) string->float ;
    : t-c2s ( Int -- String ) char->string ;

    // Strings.
    : t-concat ( String String -- String ) string.concat ;
    : t-length ( String -- Int ) string.length ;
    : t-byte-length ( String -- Int ) string.byte-length ;
    : t-empty ( String -- Bool ) string.empty? ;
    : t-equal ( String String -- Bool ) string.equal? ;
    : t-char-at ( String Int -- Int ) string.char-at ;
    : t-substring ( String Int Int -- String ) string.substring ;
    : t-find ( String String -- Int ) string.find ;
    : t-contains ( String String -- Bool ) string.contains ;
    : t-starts-with ( String String -- Bool ) string.starts-with ;
    : t-trim ( String -- String ) string.trim ;
    : t-chomp ( String -- String ) string.chomp ;
    : t-upper ( String -- String ) string.to-upper ;
    : t-lower ( String -- String ) string.to-lower ;
    : t-split ( String String -- List<String> ) string.split ;
    : t-json ( String -- String ) string.json-escape ;
    : t-i32be ( Int -- String ) int.to-bytes-i32-be ;
    : t-f32be ( Float -- String ) float.to-bytes-f32-be ;

    // I/O and arguments (output is checked by the examples' tests).
    : t-args ( -- Int String String ) args.count 0 args.at -1 args.at ;
    : t-clocks ( -- Int Int Int ) time.nanos time.nanos time.now ;
}

#[test]
fn shuffles() {
    assert_eq!(t_dup(1), (1, 1));
    assert_eq!(t_drop(1, 2), 1);
    assert_eq!(t_swap(1, "a".into()), ("a".to_string(), 1));
    assert_eq!(t_over(1, 2), (1, 2, 1));
    assert_eq!(t_rot(1, 2, 3), (2, 3, 1));
    assert_eq!(t_nip(1, 2), 2);
    assert_eq!(t_tuck(1, 2), (2, 1, 2));
    assert_eq!(
        t_2dup(1, "b".into()),
        (1, "b".to_string(), 1, "b".to_string())
    );
    assert_eq!(t_3drop(1, 2, 3, 4), 1);
    let (a, b) = ("a".to_string(), "b".to_string());
    assert_eq!(
        t_string_shuffles(a.clone(), b.clone()),
        (a.clone(), b.clone(), b, a)
    );
}

#[test]
fn integer_arithmetic() {
    assert_eq!((t_add(2, 3), t_add_v(2, 3)), (5, 5));
    assert_eq!(t_add(i64::MAX, 1), i64::MIN, "wraps");
    assert_eq!((t_sub(2, 5), t_sub_v(2, 5)), (-3, -3));
    assert_eq!(t_sub(i64::MIN, 1), i64::MAX);
    assert_eq!((t_mul(4, 5), t_mul_v(-4, 5)), (20, -20));
    assert_eq!(t_mul(i64::MAX, 2), -2);
    assert_eq!(t_div(7, 2), (3, true));
    assert_eq!(t_div(-7, 2), (-3, true), "truncates");
    assert_eq!(t_div(7, 0), (0, false));
    assert_eq!(t_div_v(7, 0), (0, false));
    assert_eq!(t_div(i64::MIN, -1), (i64::MIN, true), "wraps");
    assert_eq!(t_mod(7, 3), (1, true));
    assert_eq!(t_mod(-7, 3), (-1, true), "sign of the dividend");
    assert_eq!(t_mod(7, 0), (0, false));
    assert_eq!(t_mod_v(7, -3), (1, true));
    assert_eq!(t_mod(i64::MIN, -1), (0, true));
    assert_eq!(t_pow(2, 10), (1024, true));
    assert_eq!(t_pow(3, 0), (1, true));
    assert_eq!(t_pow(2, -1), (0, false));
    assert_eq!(t_pow(2, 63), (0, false), "overflow");
    assert_eq!(t_pow(-2, 63), (i64::MIN, true));
    assert_eq!((t_neg(5), t_negate(-5)), (-5, 5));
    assert_eq!(t_neg(i64::MIN), i64::MIN);
}

#[test]
fn integer_comparison() {
    let cases = [(1, 2), (2, 2), (3, 2), (i64::MIN, i64::MAX)];
    for (a, b) in cases {
        assert_eq!((t_eq(a, b), t_eq_v(a, b)), (a == b, a == b));
        assert_eq!((t_ne(a, b), t_ne_v(a, b)), (a != b, a != b));
        assert_eq!((t_lt(a, b), t_lt_v(a, b)), (a < b, a < b));
        assert_eq!((t_gt(a, b), t_gt_v(a, b)), (a > b, a > b));
        assert_eq!((t_le(a, b), t_le_v(a, b)), (a <= b, a <= b));
        assert_eq!((t_ge(a, b), t_ge_v(a, b)), (a >= b, a >= b));
    }
}

#[test]
fn arithmetic_sugar() {
    assert_eq!((s_add(3, 4), s_fadd(0.5, 0.25)), (7, 0.75));
    assert_eq!((s_sub(3, 4), s_fsub(0.5, 0.25)), (-1, 0.25));
    assert_eq!((s_mul(3, 4), s_fmul(0.5, 0.25)), (12, 0.125));
    assert_eq!(
        (s_div(9, 2), s_div(9, 0), s_fdiv(1.0, 4.0)),
        ((4, true), (0, false), 0.25)
    );
    assert_eq!(s_mod(9, 4), (1, true));
    assert_eq!(s_cmp(1, 2), (false, false, true, false, true, true));
    assert_eq!(s_cmp(2, 2), (true, true, true, false, false, false));
    assert_eq!(s_fcmp(1.0, 1.0), (true, false));
}

#[test]
fn boolean_and_bitwise() {
    for (a, b) in [(true, true), (true, false), (false, true), (false, false)] {
        assert_eq!(t_and(a, b), a && b);
        assert_eq!(t_or(a, b), a || b);
    }
    assert!(!t_not(true));
    assert_eq!(t_band(0b1100, 0b1010), 0b1000);
    assert_eq!(t_bor(0b1100, 0b1010), 0b1110);
    assert_eq!(t_bxor(0b1100, 0b1010), 0b0110);
    assert_eq!(t_bnot(0), -1);
    assert_eq!(t_shl(1, 63), i64::MIN, "all 64 bits");
    assert_eq!(t_shl(1, 64), 0);
    assert_eq!(t_shl(1, -1), 0);
    assert_eq!(t_shr(-1, 60), 15, "logical");
    assert_eq!(t_shr(8, 64), 0);
    assert_eq!(t_shr(8, -2), 0);
    assert_eq!(t_popcount(-1), 64);
    assert_eq!((t_clz(0), t_ctz(0)), (64, 64));
    assert_eq!((t_clz(1), t_ctz(8)), (63, 3));
    assert_eq!(t_int_bits(), 64);
}

#[test]
fn literals() {
    assert_eq!(lits(), (255, 10, -7, -1, i64::MIN));
    assert_eq!(flits(), (3.25, -0.5, 1000.0, 0.0025));
    assert_eq!(blits(), (true, false));
    assert_eq!(slits(), ("tab\there".to_string(), String::new()));
}

#[test]
fn floats() {
    assert_eq!((t_fadd(0.5, 0.25), t_fadd_v(0.5, 0.25)), (0.75, 0.75));
    assert_eq!((t_fsub(0.5, 0.25), t_fsub_v(0.5, 0.25)), (0.25, 0.25));
    assert_eq!((t_fmul(0.5, 0.25), t_fmul_v(0.5, 0.25)), (0.125, 0.125));
    assert_eq!((t_fdiv(1.0, 4.0), t_fdiv_v(1.0, 4.0)), (0.25, 0.25));
    assert_eq!(t_fdiv(1.0, 0.0), f64::INFINITY);
    assert_eq!(t_fdiv(-1.0, 0.0), f64::NEG_INFINITY);
    assert!(t_fdiv(0.0, 0.0).is_nan());
    assert!(t_feq(1.0, 1.0) && !t_feq(f64::NAN, f64::NAN));
    assert!(t_fne(f64::NAN, f64::NAN));
    assert!(t_flt(1.0, 2.0) && !t_flt(f64::NAN, 2.0));
    assert!(t_fgt(2.0, 1.0) && t_fle(1.0, 1.0) && t_fge(1.0, 1.0));
    assert_eq!(t_fcmp_v(1.0, 2.0), (false, false, true, false, true, true));
    assert_eq!(t_fcmp_v(3.0, 2.0), (false, true, false, true, false, true));
    let (sqrt, cbrt, exp, ln, log10, log2) = t_math(8.0);
    assert_eq!((sqrt, cbrt, log2), (8f64.sqrt(), 2.0, 3.0));
    assert_eq!((exp, ln, log10), (8f64.exp(), 8f64.ln(), 8f64.log10()));
    let (sin, cos, tan, asin, acos, atan) = t_trig(0.5);
    assert_eq!((sin, cos, tan), (0.5f64.sin(), 0.5f64.cos(), 0.5f64.tan()));
    assert_eq!(
        (asin, acos, atan),
        (0.5f64.asin(), 0.5f64.acos(), 0.5f64.atan())
    );
    assert_eq!(
        t_rounding(-2.5),
        (-3.0, -2.0, -2.0, -2.0),
        "round ties to even"
    );
    assert_eq!(t_rounding(3.5).3, 4.0);
    assert_eq!(t_fpow(2.0, 0.5), 2f64.sqrt());
    assert_eq!(t_atan2(1.0, -1.0), 1f64.atan2(-1.0));
    assert_eq!(
        t_consts(),
        (
            std::f64::consts::PI,
            std::f64::consts::E,
            std::f64::consts::TAU
        )
    );
}

#[test]
fn conversions() {
    assert_eq!(t_i2f(-3), -3.0);
    assert_eq!(t_f2i(-3.9), -3, "truncates");
    assert_eq!(t_f2i(f64::NAN), 0);
    assert_eq!(t_f2i(1e300), i64::MAX, "saturates");
    assert_eq!(t_f2i(-1e300), i64::MIN);
    assert_eq!(t_i2s(-42), "-42");
    assert_eq!(t_f2s(1.0), "1", "Display, as upstream");
    assert_eq!(t_f2s(0.1), "0.1");
    assert_eq!(t_f2s(1e21), "1000000000000000000000", "no exponent");
    assert_eq!(t_f2s(-0.0), "-0");
    assert_eq!(t_f2s(f64::NAN), "NaN");
    assert_eq!(t_f2s(f64::NEG_INFINITY), "-inf");
    assert_eq!(t_f2s(1e100).parse::<f64>().unwrap(), 1e100, "round-trips");
    assert_eq!(t_s2i("-17".into()), (-17, true));
    assert_eq!(t_s2i("+17".into()), (17, true));
    assert_eq!(
        t_s2i(" 17\n".into()),
        (17, true),
        "surrounding spaces are trimmed"
    );
    assert_eq!(t_s2i("1 7".into()), (0, false), "inner spaces are not");
    assert_eq!(t_s2i("007".into()), (7, true));
    assert_eq!(t_s2i("12x".into()), (0, false));
    assert_eq!(t_s2i("99999999999999999999".into()), (0, false));
    assert_eq!(t_s2f("2.5".into()), (2.5, true));
    assert_eq!(t_s2f("pi".into()), (0.0, false));
    assert_eq!(t_c2s(65), "A");
    assert_eq!(t_c2s(0x1F600), "😀");
    assert_eq!(t_c2s(-1), "");
    assert_eq!(t_c2s(0xD800), "", "surrogates are not characters");
}

#[test]
fn strings() {
    let s = |x: &str| x.to_string();
    assert_eq!(t_concat(s("a"), s("b")), "ab");
    assert_eq!(t_length(s("héllo")), 5, "characters, not bytes");
    assert_eq!(t_byte_length(s("héllo")), 6);
    assert!(t_empty(s("")) && !t_empty(s(" ")));
    assert!(t_equal(s("x"), s("x")) && !t_equal(s("x"), s("y")));
    assert_eq!(t_char_at(s("héllo"), 1), 'é' as i64);
    assert_eq!(t_char_at(s("abc"), 3), -1);
    assert_eq!(t_char_at(s("abc"), -1), -1);
    assert_eq!(t_substring(s("héllo"), 1, 3), "éll");
    assert_eq!(t_substring(s("hello"), 3, 100), "lo", "length clamps");
    assert_eq!(t_substring(s("hello"), 9, 1), "", "start past the end");
    assert_eq!(t_substring(s("hello"), -1, 2), "");
    assert_eq!(t_find(s("héllo"), s("llo")), 2);
    assert_eq!(t_find(s("hello"), s("z")), -1);
    assert!(t_contains(s("hello"), s("ell")) && t_contains(s("hello"), s("")));
    assert!(t_starts_with(s("hello"), s("he")) && !t_starts_with(s("hello"), s("lo")));
    assert_eq!(t_trim(s("  x \n")), "x");
    assert_eq!(t_chomp(s("x\n")), "x");
    assert_eq!(t_chomp(s("x\r\n")), "x");
    assert_eq!(t_chomp(s("x\n\n")), "x\n", "one newline only");
    assert_eq!(t_chomp(s("x")), "x");
    assert_eq!(t_upper(s("straße")), "STRASSE");
    assert_eq!(t_lower(s("ÀB")), "àb");
    let parts =
        |l: seq::runtime::List<String>| (0..l.len()).map(|i| l.get(i).0).collect::<Vec<_>>();
    assert_eq!(
        parts(t_split(s("ab"), s(""))),
        ["", "a", "b", ""],
        "as upstream"
    );
    assert_eq!(parts(t_split(s(""), s(""))), ["", ""]);
    assert_eq!(t_json(s("\"\\\n\u{1}é")), "\\\"\\\\\\n\\u0001é");
}

#[test]
fn byte_strings_stand_for_their_bytes() {
    use seq::runtime::bytes::to_bytes;
    assert_eq!(to_bytes(&t_i32be(1000)).as_ref(), [0, 0, 3, 0xE8]);
    assert_eq!(to_bytes(&t_i32be(-2)).as_ref(), [0xFF, 0xFF, 0xFF, 0xFE]);
    assert_eq!(to_bytes(&t_f32be(440.0)).as_ref(), [0x43, 0xDC, 0, 0]);
    // Bytes that are not UTF-8 are raw-byte characters; the rest is text.
    assert_eq!(t_i32be(1000), "\0\0\u{3}\u{10fee8}");
    assert_eq!(t_i32be(0x41C3A942), "Aé B".replace(' ', ""));
}

#[test]
fn program_arguments() {
    let (count, program, out_of_range) = t_args();
    assert_eq!(count, std::env::args().count() as i64);
    assert_eq!(program, std::env::args().next().unwrap());
    assert_eq!(out_of_range, "");
}

#[test]
fn clocks() {
    let (a, b, now) = t_clocks();
    assert!(0 <= a && a <= b, "monotonic");
    let expected = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_micros() as i64;
    assert!(
        (now - expected).abs() <= 1_000_000,
        "microseconds, as upstream"
    );
}
