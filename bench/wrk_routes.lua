-- wrk script: POST /v1/routes with the MLOps -> CDO query (k=5), for bench/api_wrk.sh.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"from": "mlops-engineer", "to": "chief-data-officer", "mode": "alternatives", "k": 5}'
