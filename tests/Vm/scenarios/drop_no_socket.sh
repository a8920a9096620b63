# shellcheck shell=bash
# --drop: a SYN to a port nobody listens on is freed by tcp_v4_rcv with reason NO_SOCKET.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.1.1/24 nts 10.99.1.2/24

start_nettrace --drop -p tcp --dport 9999
tcp_connect ntc 10.99.1.2 9999
stop_nettrace

expect_line 'TCP: 10\.99\.1\.1:[0-9]+ -> 10\.99\.1\.2:9999 seq:[0-9]+, ack:0, flags:S, reason: NO_SOCKET, tcp_v4_rcv\+0x[0-9a-f]+'
