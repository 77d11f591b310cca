<?php

use Square\SquareClient;
use Square\Environment;

$client = new SquareClient([
    'accessToken' => 'EAAAw_sfNLsVplr1M3ucjeufuGrPM9Td2hNlDN9T5Jnqz4nQVX4K6VMDYpK70bD-',
    'environment' => Environment::PRODUCTION,
]);

$payments = $client->getPaymentsApi();
