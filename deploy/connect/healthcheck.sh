#!/bin/bash
# Healthy once the Connect REST API answers; the image has no curl or wget, so bash's /dev/tcp does the request.
exec 3<>/dev/tcp/127.0.0.1/8083 || exit 1
printf 'GET /connector-plugins HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 5 status <&3 || exit 1
[[ "$status" == *" 200 "* ]]
