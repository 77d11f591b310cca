<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_prod' );
define( 'DB_PASSWORD', 'CbSXtAuR7n4DmUuLR3BGZJtu' );
define( 'DB_HOST', 'wp-db.internal' );
define( 'DB_CHARSET', 'utf8mb4' );

define( 'AUTH_KEY',         '8DJQYkZgROt34x32BXfffukOhPZ13Nx3gBFZhvxD5PLeRXEvjbChW2M6n22eiiNT' );
define( 'SECURE_AUTH_KEY',  'jvnf08pSLLxBs2BJahljtKBOmEbVO1FgIf3YtqTgsbUdZbaVPGxLQgbRa7GdqSQL' );
define( 'NONCE_KEY',        '3trF24bRodt5X4hGWRQJLxoJEqHz7Kbuzc9VOhbikDRskQcPrPPT48mgDgHeEENM' );

$table_prefix = 'wp_';
define( 'WP_DEBUG', false );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
