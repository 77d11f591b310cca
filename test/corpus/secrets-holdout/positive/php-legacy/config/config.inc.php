<?php
$config = [];
$config['db_dsn'] = 'mysql://legacy:8kinv14q8Eoui2@127.0.0.1/legacy_app';
$config['smtp_server'] = 'ssl://smtp.office365.com';
$config['smtp_user'] = 'noreply@legacy-corp.example';
$config['smtp_pass'] = 'vQtoR9mZkSqV2c';
$config['des_key'] = 'SA8FWocXky0HMg1veW5oQO0a';
$config['recaptcha_site_key'] = '6LzHG1fzxq6h9cSI4OHG3RSg8CBLqyRYt_0fU8A0';
$config['password_min_length'] = 10;
