for i in 1 2 3; do
s=$EPOCHREALTIME
/opt/nettrace/nettrace
e=$EPOCHREALTIME
echo "took $(( (${e/./} - ${s/./}) / 1000 )) ms"
done
fail timing
